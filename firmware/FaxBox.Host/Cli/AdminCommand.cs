using System.CommandLine;
using System.Text;
using FaxBox.Admin.Security;
using FaxBox.Host.Configuration;

namespace FaxBox.Host.Cli;

/// <summary>
/// <c>faxbox admin passwd [--config FILE]</c>: sets the admin web site's administrator password in the data folder of
/// the configuration (<c>&lt;data&gt;/admin/password.json</c>, Argon2id), reading it from stdin (one line) when stdin is
/// not a terminal, else prompting twice without echo. Works whether the box runs or not: a running box sees the new
/// password at once, and sessions opened with the old one end.
/// </summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var admin = new Command("admin", "The admin web site: set the administrator password from the command line.");
        admin.Subcommands.Add(CreatePasswd());
        return admin;
    }

    private static Command CreatePasswd()
    {
        var config = new Option<FileInfo?>("--config") { Description = "The box's configuration file, for its data folder (default: the built-in configuration's)." };
        var command = new Command(
            "passwd",
            $"Set the administrator password (at least {PasswordPolicy.MinimumLength} characters). Reads one line from stdin when it is "
            + "not a terminal (echo \"$PW\" | faxbox admin passwd), else asks twice without echo. Ends sessions of the old password.")
        {
            config,
        };
        command.SetAction(parse => Run(parse, parse.GetValue(config)));
        return command;
    }

    private static int Run(ParseResult parse, FileInfo? configFile)
    {
        var loaded = configFile is null
            ? ConfigurationLoadResult.Success(FaxBoxConfiguration.LoadEmbeddedDefault())
            : FaxBoxConfiguration.Load(configFile.FullName);
        if (loaded.Configuration is not { } configuration)
        {
            foreach (var error in loaded.Errors)
            {
                GlobalOptions.Fail(parse, error.ToString());
            }

            return 1;
        }

        string? password;
        if (Console.IsInputRedirected)
        {
            password = Console.In.ReadLine();
            if (password is null)
            {
                return GlobalOptions.Fail(parse, "admin passwd: no password on stdin (one line expected)");
            }
        }
        else
        {
            var first = Prompt("New administrator password: ");
            var second = Prompt("Repeat it: ");
            if (!string.Equals(first, second, StringComparison.Ordinal))
            {
                return GlobalOptions.Fail(parse, "admin passwd: the two passwords differ; nothing changed");
            }

            password = first;
        }

        var store = new AdminCredentialStore(configuration.DataFolder, TimeProvider.System);
        try
        {
            store.SetPassword(password);
        }
        catch (ArgumentException e)
        {
            return GlobalOptions.Fail(parse, $"admin passwd: not accepted: {e.Message.Split(" (Parameter", 2)[0]}; nothing changed");
        }
        catch (IOException e)
        {
            return GlobalOptions.Fail(parse, $"admin passwd: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return GlobalOptions.Fail(parse, $"admin passwd: {store.Folder}: {e.Message} (run as the box's user)");
        }

        parse.InvocationConfiguration.Output.WriteLine($"faxbox: administrator password set in {store.PasswordPath}; sessions of the old password have ended");
        return 0;
    }

    private static string Prompt(string text)
    {
        Console.Error.Write(text);
        var line = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return line.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                line.Length = Math.Max(0, line.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                line.Append(key.KeyChar);
            }
        }
    }
}
