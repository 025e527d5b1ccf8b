using FaxBox.Fax.Managed.T38;
using FaxBox.Fax.Managed.T4;
using FaxBox.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>The managed terminal's per-call memory: nothing allocated per tick or IFP mid-page, a few KiB live per terminal.</summary>
[Collection(MemoryCollection.Name)]
public sealed class T30MemoryTests(ITestOutputHelper output)
{
    private static readonly T4PageFormat Fine = new(1728, 8031, 7700);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Mid_page_ticks_and_IFPs_allocate_nothing(bool ecm)
    {
        var wire = new RingWire();
        var source = new FakeDocumentSource(1, 400_000, Fine);
        var sink = new ByteCountingSink();
        using var sender = new ManagedT38Terminal(Options(FaxDirection.Send, ecm), wire.SinkA, NullLogger.Instance, source, null);
        using var receiver = new ManagedT38Terminal(Options(FaxDirection.Receive, ecm), wire.SinkB, NullLogger.Instance, null, sink);
        for (int i = 0; i < 1500; i++)
        {
            wire.Step(sender, receiver);
        }

        long octetsBefore = sink.Octets;
        Assert.True(octetsBefore > 0, "the page is on its way");
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            wire.Step(sender, receiver);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(sink.Octets - octetsBefore > 20_000, $"{sink.Octets - octetsBefore} octets crossed meanwhile");
        Assert.False(sender.IsComplete);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_terminal_pair_mid_call_holds_a_few_KiB()
    {
        const int Pairs = 200;
        var calls = new List<(RingWire Wire, ManagedT38Terminal Sender, ManagedT38Terminal Receiver)>(Pairs);
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < Pairs; i++)
        {
            var wire = new RingWire();
            calls.Add((wire,
                new ManagedT38Terminal(Options(FaxDirection.Send, true), wire.SinkA, NullLogger.Instance, new FakeDocumentSource(1, 400_000, Fine), null),
                new ManagedT38Terminal(Options(FaxDirection.Receive, true), wire.SinkB, NullLogger.Instance, null, new ByteCountingSink())));
        }

        long wires = 0;
        for (int t = 0; t < 1500; t++)
        {
            foreach (var (wire, sender, receiver) in calls)
            {
                wire.Step(sender, receiver);
            }
        }

        long live = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        wires = Pairs * (2L * 256 * (1500 + 24) + 2 * (256 * 8) + 2 * 256 * 4); // the test's own ring buffers
        long fakePages = Pairs * 400_000L; // the fake source's page array (a real source streams from the file)
        double perTerminal = (live - wires - fakePages) / (2.0 * Pairs);
        output.WriteLine($"live per terminal (T.30 + T.38 state, documents excluded): {perTerminal:0} bytes");
        Assert.All(calls, c => Assert.False(c.Sender.IsComplete));
        Assert.InRange(perTerminal, 0, 12 * 1024);
        GC.KeepAlive(calls);
    }

    [Fact]
    public void A_whole_call_with_real_files_allocates_a_bounded_amount()
    {
        using var temp = TestPaths.NewTempFolder();
        var rx = temp.File("rx.tif");
        var wire = new RingWire();
        var capture = TestPaths.SharedFile("captures/test-2p-g3.tif");
        long before = GC.GetAllocatedBytesForCurrentThread();
        using (var sender = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = capture }, wire.SinkA, NullLogger.Instance))
        using (var receiver = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = rx }, wire.SinkB, NullLogger.Instance))
        {
            for (int i = 0; i < 100_000 && !(sender.IsComplete && receiver.IsComplete); i++)
            {
                wire.Step(sender, receiver);
            }

            Assert.True(receiver.Result!.Success, receiver.Result.T30Text);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"a 2-page ECM call, sender and receiver with their TIFF source and sink: {allocated} bytes allocated ({allocated / 2.0 / 1024:0.0} KiB per terminal)");
        Assert.InRange(allocated, 1, 2 * 1024 * 1024);
    }

    private static FaxTerminalOptions Options(FaxDirection direction, bool ecm) => new()
    {
        Direction = direction,
        SendFile = "fake",
        ReceiveFile = "fake",
        Ecm = ecm,
    };

    /// <summary>A sink that counts what it is given and keeps nothing.</summary>
    private sealed class ByteCountingSink : IT4DocumentSink, IT4PageWriter
    {
        public long Octets { get; private set; }

        public int PagesCommitted { get; private set; }

        public int Rows => (int)(Octets / 16);

        public int BadRows => 0;

        public int LongestBadRowRun => 0;

        public bool EndOfPage => false;

        public IT4PageWriter StartPage(T4PageFormat format, FaxCompression compression) => this;

        public void Write(ReadOnlySpan<byte> coded) => Octets += coded.Length;

        public void Commit() => PagesCommitted++;

        public void Dispose()
        {
        }
    }
}
