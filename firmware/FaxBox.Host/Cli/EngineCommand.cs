using System.CommandLine;
using FaxBox.Fax.SpanDsp;

namespace FaxBox.Host.Cli;

/// <summary><c>faxbox fax engine</c>: says which fax engines can run here.</summary>
internal static class EngineCommand
{
    public static Command Create()
    {
        var command = new Command("engine", "Check the fax engines: whether the native engine's libspandsp.so.2 is installed with the expected ABI.");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(SpanDspLibrary.UnavailableReason is { } reason
                ? $"native: unavailable: {reason}"
                : "native: available (libspandsp.so.2, spandsp 0.0.6 ABI)");
            output.WriteLine("managed: not available yet (the managed C# modems are a later issue)");
            return SpanDspLibrary.IsAvailable ? 0 : 1;
        });
        return command;
    }
}
