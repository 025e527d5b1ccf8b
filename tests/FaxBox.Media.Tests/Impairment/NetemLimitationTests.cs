using System.Diagnostics;

namespace FaxBox.Media.Tests.Impairment;

/// <summary>
/// Named limitation: the impairment tests run in-process (UdpImpairmentProxy, JitterSimulation) because this machine's
/// kernel offers network namespaces but not the netem queueing discipline (no sch_netem module). This test pins down
/// exactly that: when it starts failing, netem has arrived and namespace tests with `tc qdisc … netem` can be added.
/// </summary>
public sealed class NetemLimitationTests
{
    [Fact]
    public void Network_namespaces_work_but_the_kernel_has_no_netem_qdisc()
    {
        string ns = $"fbx-media-{Environment.ProcessId}";
        try
        {
            (int addRc, string addErr) = Run("ip", "netns", "add", ns);
            Assert.True(addRc == 0, $"ip netns add failed: {addErr} (tests run as root under tools/test)");
            Assert.Equal(0, Run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up").Rc);
            (int tcRc, string tcErr) = Run("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "loss", "10%");
            Assert.NotEqual(0, tcRc);
            Assert.Contains("qdisc kind is unknown", tcErr, StringComparison.Ordinal);
        }
        finally
        {
            Run("ip", "netns", "del", ns);
        }
    }

    private static (int Rc, string Err) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        string err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(10_000), $"{file} hung");
        return (p.ExitCode, err);
    }
}
