using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FaxBox.Host.Tests.CrashTrials;

namespace FaxBox.Host.Tests.Hosting;

/// <summary>
/// A real idle <c>faxbox run</c> (the built faxbox.dll, the built-in configuration on the simulator board, its own MQTT
/// broker, the admin site and local API): what it keeps resident (issue 7). Figures: tools/bench/idle.
/// </summary>
public sealed class IdleBoxMemoryTests
{
    [Fact]
    public async Task An_idle_box_returns_the_JIT_slab_cache_and_never_maps_code_it_does_not_use()
    {
        using var folder = TestPaths.NewTempFolder();
        var brokerPort = FreeTcpPort();
        var config = BoxProcess.WriteTestConfig(folder, brokerPort);
        var log = new StringBuilder();
        using var box = BoxProcess.Start("idle", config, log);
        await box.WaitReadyAsync(TimeSpan.FromSeconds(60));

        // The trim runs after 3 s of quiet and three finalizer passes 2.5 s apart: ≈ 8 s; allow for a loaded machine.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!Logged(log, "idle memory trim: the JIT's slab cache flushed") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.True(Logged(log, "idle memory trim: the JIT's slab cache flushed"), Text(log));
        var heap = HeapResidentKiB(box.Id);
        var maps = await File.ReadAllTextAsync($"/proc/{box.Id}/maps");
        var (brokerListening, brokerConnections) = (TcpSockets(box.Id, brokerPort, "0A"), TcpSockets(box.Id, brokerPort, "01"));
        Assert.Equal(0, await box.StopAsync(TimeSpan.FromSeconds(30)));

        // Before the trim the C heap held ≈ 9.7 MiB, ≈ 7 of them the JIT's cached slabs; after it ≈ 1.8 MiB.
        Assert.True(heap < 5 * 1024, $"[heap] {heap} KiB resident after the trim");
        Assert.Contains("faxbox.dll", maps, StringComparison.Ordinal); // the maps are the box's
        Assert.DoesNotContain("MimeKit.dll", maps, StringComparison.Ordinal); // no e-mail configured
        // Status goes into the embedded broker in-process: no MQTT client, so no TLS (≈ 4 MiB with its cryptography;
        // System.Security.Cryptography itself is mapped here because the simulator's fax machine places a SIP call, whose
        // tags and branches are random: tools/bench/idle's quiet box maps neither).
        Assert.DoesNotContain("System.Net.Security.dll", maps, StringComparison.Ordinal);
        Assert.Equal(1, brokerListening); // the embedded broker is there for local tools
        Assert.Equal(0, brokerConnections); // before, the box's own client held one (two ends) to its broker
        // The job database is open through FaxBox's own binding to Debian's libsqlite3, without ADO.NET (≈ 3.5 MiB) and
        // without the regular-expression engine.
        Assert.Contains("libsqlite3.so", maps, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Data.Common.dll", maps, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Text.RegularExpressions.dll", maps, StringComparison.Ordinal);
    }

    /// <summary>
    /// TCP sockets in <paramref name="state"/> (/proc/net/tcp's hex code: 01 established, 0A listening) with
    /// <paramref name="port"/> at either end, from /proc/PID/net/tcp (IPv4).
    /// </summary>
    private static int TcpSockets(int pid, int port, string state)
    {
        int count = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int local = int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int remote = int.Parse(fields[2].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (fields[3] == state && (local == port || remote == port))
            {
                count++;
            }
        }

        return count;
    }

    private static bool Logged(StringBuilder log, string text)
    {
        lock (log)
        {
            return log.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static int HeapResidentKiB(int pid)
    {
        var total = 0;
        var inHeap = false;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var first = line.Split(' ', 2)[0];
            if (!first.EndsWith(':')) // a mapping's header ("start-end perms offset dev inode path"), not a "Key: value" line
            {
                inHeap = line.EndsWith("[heap]", StringComparison.Ordinal);
            }
            else if (inHeap && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                total += int.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    internal static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
