using System.CommandLine;

namespace FaxBox.Host.Cli;

/// <summary>The <c>faxbox</c> command tree.</summary>
internal static class FaxBoxCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("FaxBox: a fax appliance that bridges analog fax machines and lines to SIP with T.38, and is a fax terminal itself.");
        root.Options.Add(GlobalOptions.LogLevel);

        var fax = new Command("fax", "Fax engine and document tools: loopback readiness test, test pages, TIFF inspection, PDF and PNG export.");
        fax.Subcommands.Add(LoopbackCommand.Create());
        fax.Subcommands.Add(EngineCommand.Create());
        fax.Subcommands.Add(ModemTestCommand.Create());
        fax.Subcommands.Add(FaxCallCommand.Create());
        fax.Subcommands.Add(FaxAnswerCommand.Create());
        foreach (var command in DocumentCommands.Create())
        {
            fax.Subcommands.Add(command);
        }

        root.Subcommands.Add(fax);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(SipCommand.Create());
        root.Subcommands.Add(LineCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(SendCommand.Create());
        root.Subcommands.Add(AdminCommand.Create());
        return root;
    }
}
