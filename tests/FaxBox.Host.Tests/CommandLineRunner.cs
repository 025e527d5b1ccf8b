using System.CommandLine;
using FaxBox.Host.Cli;

namespace FaxBox.Host.Tests;

/// <summary>Runs the real <c>faxbox</c> command tree in-process and captures what it prints.</summary>
internal static class CommandLineRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = FaxBoxCommandLine.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs it until it ends or <paramref name="cancellationToken"/> stops it, as Ctrl+C would.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await FaxBoxCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
