using System.CommandLine;
using FaxBox.Host.Configuration;

namespace FaxBox.Host.Cli;

/// <summary><c>faxbox config …</c>: the appliance's configuration file. <c>config check [FILE]</c> validates it.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var config = new Command("config", "The configuration file (faxbox.json): check it, print the built-in default.");
        config.Subcommands.Add(CreateCheck());
        return config;
    }

    private static Command CreateCheck()
    {
        var file = new Argument<FileInfo?>("file")
        {
            Description = "The configuration file to check (default: the built-in default that 'faxbox run' uses without --config)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var printDefault = new Option<bool>("--print-default")
        {
            Description = "Print the built-in default configuration (annotated JSON, a starting point for faxbox.json) and exit.",
        };
        var command = new Command(
            "check",
            "Load and validate a configuration file and the board it names, as 'faxbox run' would at start. Prints 'ok: N ports, M accounts', "
            + "or every error as FILE: KEY: REASON (exit 1).")
        {
            file, printDefault,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(printDefault))
            {
                output.Write(FaxBoxConfiguration.EmbeddedDefaultText());
                return 0;
            }

            var path = parse.GetValue(file);
            var result = path is null
                ? FaxBoxConfiguration.Parse(FaxBoxConfiguration.EmbeddedDefaultText(), FaxBoxConfiguration.EmbeddedDefaultSource)
                : FaxBoxConfiguration.Load(path.FullName);
            if (result.Configuration is not { } configuration)
            {
                foreach (var error in result.Errors)
                {
                    GlobalOptions.Fail(parse, error.ToString());
                }

                return 1;
            }

            output.WriteLine($"ok: {configuration.Gateway.Ports.Count} ports, {configuration.Gateway.Accounts.Count} accounts (board {configuration.BoardProfile.Name}, from {configuration.Source})");
            return 0;
        });
        return command;
    }
}
