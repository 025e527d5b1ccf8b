using System.Diagnostics;

namespace FaxBox.Media.Tests.Support;

/// <summary>Runs tshark (installed by tools/test) and returns its standard output; fails the test when tshark is missing or fails.</summary>
public static class Tshark
{
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start (tools/test installs it)");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("tshark ran for more than 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }
}
