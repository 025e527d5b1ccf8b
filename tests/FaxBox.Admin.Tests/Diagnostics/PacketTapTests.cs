using System.Net;
using System.Text;
using FaxBox.Core.Capture;

namespace FaxBox.Admin.Tests.Diagnostics;

/// <summary>The packet tap's pcap files as tshark reads them: synthesized IPv4 and IPv6 UDP around the payloads, limits, no packet while idle.</summary>
public sealed class PacketTapTests
{
    private const string Options = "OPTIONS sip:300@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:300@127.0.0.1>\r\nCall-ID: tap-test\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    [Fact]
    public async Task A_capture_is_a_pcap_file_tshark_decodes_with_the_addresses_ports_and_payloads_recorded()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("tap.pcap");
        var tap = new PacketTap(TimeProvider.System);
        var box = new IPEndPoint(IPAddress.Loopback, 5060);
        var peer = new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5062);
        tap.Record(Encoding.ASCII.GetBytes(Options), peer, box); // not capturing: not recorded

        tap.Start(File.Create(file), 1024 * 1024, TimeSpan.FromMinutes(1));
        tap.Record(Encoding.ASCII.GetBytes(Options), peer, box);
        tap.Record(new byte[] { 0x80, 0x00, 0x00, 0x01, 0, 0, 0, 160, 0x12, 0x34, 0x56, 0x78, 0xd5, 0xd5 }, box.Serialize(), peer.Serialize());
        tap.Record(Encoding.ASCII.GetBytes(Options), new IPEndPoint(IPAddress.Parse("2001:db8::7"), 5062), new IPEndPoint(IPAddress.Parse("2001:db8::1"), 5060));
        tap.Record(Encoding.ASCII.GetBytes(Options), new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.8"), 5062), box);
        var status = await tap.StopAsync();
        tap.Record(Encoding.ASCII.GetBytes(Options), peer, box); // stopped: not recorded

        Assert.Equal(4, status.Packets);
        Assert.Equal(0, status.Dropped);
        Assert.Equal(new FileInfo(file).Length, status.Bytes);
        var sip = await Tshark.FieldsAsync(file, "sip", "ip.src", "ipv6.src", "udp.srcport", "udp.dstport", "sip.Method", "sip.Call-ID");
        Assert.Equal(["192.0.2.7\t\t5062\t5060\tOPTIONS\ttap-test", "\t2001:db8::7\t5062\t5060\tOPTIONS\ttap-test", "192.0.2.8\t\t5062\t5060\tOPTIONS\ttap-test"], sip);
        var all = await Tshark.FieldsAsync(file, "udp", "udp.length");
        Assert.Equal(4, all.Length);
        Assert.Equal("22", all[1]); // the 14-byte RTP-like payload and its 8-byte UDP header
    }

    [Fact]
    public async Task A_capture_past_its_size_limit_drops_and_counts_instead_of_growing()
    {
        using var folder = TestPaths.NewTempFolder();
        var tap = new PacketTap(TimeProvider.System);
        tap.Start(File.Create(folder.File("small.pcap")), 24 + 3 * (64 + 100), TimeSpan.FromMinutes(1));
        var from = new IPEndPoint(IPAddress.Loopback, 40000).Serialize();
        var to = new IPEndPoint(IPAddress.Loopback, 40002).Serialize();
        for (var i = 0; i < 10; i++)
        {
            tap.Record(new byte[100], from, to);
        }

        var status = await tap.StopAsync();

        Assert.Equal(3, status.Packets);
        Assert.InRange(status.Dropped, 1, 7); // the capture stops itself at the first packet over: later ones may find it stopped
        Assert.Contains("size limit", status.StopReason, StringComparison.Ordinal);
        Assert.True(new FileInfo(folder.File("small.pcap")).Length <= 24 + 3 * (64 + 100));
    }

    [Fact]
    public async Task A_capture_stops_by_itself_at_its_size_limit_and_hands_over_the_closed_file()
    {
        using var folder = TestPaths.NewTempFolder();
        var tap = new PacketTap(TimeProvider.System);
        var stopped = new TaskCompletionSource<PacketCaptureStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        tap.Start(File.Create(folder.File("small.pcap")), 24 + 2 * (64 + 100), TimeSpan.FromMinutes(1), stopped.SetResult);
        var from = new IPEndPoint(IPAddress.Loopback, 40000).Serialize();
        var to = new IPEndPoint(IPAddress.Loopback, 40002).Serialize();
        for (var i = 0; i < 3; i++)
        {
            tap.Record(new byte[100], from, to);
        }

        var status = await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(tap.IsCapturing);
        Assert.False(tap.Status.Capturing);
        Assert.Equal((2L, 1L, "its size limit was reached"), (status.Packets, status.Dropped, status.StopReason));
        Assert.Equal(status.Bytes, new FileInfo(folder.File("small.pcap")).Length); // closed: everything written
        Assert.Equal(status, await tap.StopAsync()); // stopping again changes nothing
    }

    [Fact]
    public async Task A_capture_stops_by_itself_when_its_time_is_up_even_without_a_packet()
    {
        var time = new FaxBox.Testing.ManualTimeProvider();
        var tap = new PacketTap(time);
        var stopped = new TaskCompletionSource<PacketCaptureStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        tap.Start(new MemoryStream(), 1024 * 1024, TimeSpan.FromSeconds(30), stopped.SetResult);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(tap.IsCapturing);
        time.Advance(TimeSpan.FromSeconds(1));
        var status = await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(tap.IsCapturing);
        Assert.Equal((0L, "its time limit was reached"), (status.Packets, status.StopReason));
    }

    [Fact]
    public async Task A_second_capture_while_one_runs_is_refused()
    {
        var tap = new PacketTap(TimeProvider.System);
        tap.Start(new MemoryStream(), 1000, TimeSpan.FromMinutes(1));
        var e = Assert.Throws<InvalidOperationException>(() => tap.Start(new MemoryStream(), 1000, TimeSpan.FromMinutes(1)));
        Assert.Contains("already running", e.Message, StringComparison.Ordinal);
        Assert.False((await tap.StopAsync().WaitAsync(TimeSpan.FromSeconds(10))).Capturing);
    }

    [Fact]
    public async Task Until_the_last_capture_is_written_out_it_still_counts_as_capturing_and_a_new_one_is_refused()
    {
        // A new capture used to open (and truncate) the same .part file while the old writer was still draining into it.
        var tap = new PacketTap(TimeProvider.System);
        var file = new GatedStream();
        var handedOver = 0;
        tap.Start(file, 100_000, TimeSpan.FromMinutes(1), _ => Interlocked.Increment(ref handedOver));
        tap.Record(new byte[100], new IPEndPoint(IPAddress.Loopback, 40000).Serialize(), new IPEndPoint(IPAddress.Loopback, 40002).Serialize());

        var stopping = tap.StopAsync();
        Assert.True(await file.Blocked.WaitAsync(TimeSpan.FromSeconds(10)), "the writer never reached the file");
        Assert.True(tap.IsCapturing);
        Assert.True(tap.Status.Capturing);
        var e = Assert.Throws<InvalidOperationException>(() => tap.Start(new MemoryStream(), 1000, TimeSpan.FromMinutes(1)));
        Assert.Contains("still being written out", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref handedOver));

        file.Open.Release(int.MaxValue / 2);
        var status = await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(status.Capturing);
        Assert.False(tap.IsCapturing);
        Assert.Equal(1, Volatile.Read(ref handedOver));
        tap.Start(new MemoryStream(), 1000, TimeSpan.FromMinutes(1));
        Assert.False((await tap.StopAsync().WaitAsync(TimeSpan.FromSeconds(10))).Capturing);
    }

    [Fact]
    public async Task A_file_that_cannot_be_finished_is_reported_in_the_stop_reason_and_still_handed_over()
    {
        var tap = new PacketTap(TimeProvider.System);
        PacketCaptureStatus? handedOver = null;
        tap.Start(new FullDiskStream(), 100_000, TimeSpan.FromMinutes(1), s => handedOver = s);

        var status = await tap.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(status.Capturing);
        Assert.Contains("the file could not be finished: No space left on device", status.StopReason, StringComparison.Ordinal);
        Assert.Equal(status, handedOver);
        Assert.False(tap.IsCapturing);
    }

    /// <summary>A file whose writes wait until <see cref="Open"/> is released (the first signals <see cref="Blocked"/>).</summary>
    private sealed class GatedStream : MemoryStream
    {
        private int _blocked;

        public SemaphoreSlim Open { get; } = new(0);

        public SemaphoreSlim Blocked { get; } = new(0);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _blocked, 1) == 0)
            {
                Blocked.Release();
            }

            await Open.WaitAsync(cancellationToken);
            await base.WriteAsync(buffer, cancellationToken);
        }
    }

    /// <summary>A file on a full disk: the header fits, the final flush fails.</summary>
    private sealed class FullDiskStream : MemoryStream
    {
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.FromException(new IOException("No space left on device"));
    }
}
