namespace FaxBox.Host.Tests.Hosting;

/// <summary>
/// Tests that send real signals to the test process. They run alone (no other test runs meanwhile), so that one
/// test's signal cannot reach another test's handler.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignalTests
{
    public const string Name = "real POSIX signals";

    /// <summary>Sends <paramref name="signal"/> (e.g. "TERM") to this process with the real kill(1).</summary>
    internal static void Kill(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(kill.WaitForExit(10_000), "kill(1) did not finish");
        Assert.Equal(0, kill.ExitCode);
    }
}
