using BenchmarkDotNet.Attributes;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T38;
using FaxBox.Fax.Managed.Tests.T30;
using FaxBox.Fax.SpanDsp;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.MicroBenchmarks.Fax;

/// <summary>
/// One whole T.38 fax call in-process (a 2-page A4 fine test document, sender and receiver ticked every 20 ms, IFPs
/// handed across at once): spandsp's t38_terminal at both ends (baseline) against the managed T.30 terminal
/// (FaxBox.Fax.Managed.T30/T38) with its streaming TIFF source and sink. Time is CPU per call; the memory column counts
/// managed allocations only (spandsp's ~80 KB native state per terminal and its page buffers are not in it).
/// </summary>
[MemoryDiagnoser]
public class T38TerminalCallBenchmarks
{
    private readonly SpanDspFaxEngine _spandsp = new(NullLoggerFactory.Instance);
    private string _folder = string.Empty;
    private string _document = string.Empty;
    private int _call;

    [Params(true, false)]
    public bool Ecm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"faxbox-t38-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(_folder);
        _document = Path.Combine(_folder, "tx.tif");
        TestPageGenerator.Write(_document, new TestPageOptions { Pages = 2, Resolution = FaxResolution.Fine });
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public int SpanDsp()
    {
        var wire = new RingWire();
        using var sender = _spandsp.CreateT38Terminal(Options(FaxDirection.Send), wire.SinkA);
        using var receiver = _spandsp.CreateT38Terminal(Options(FaxDirection.Receive), wire.SinkB);
        return Run(wire, sender, receiver);
    }

    [Benchmark]
    public int Managed()
    {
        var wire = new RingWire();
        using var sender = ManagedT38Terminals.Create(Options(FaxDirection.Send), wire.SinkA, NullLogger.Instance);
        using var receiver = ManagedT38Terminals.Create(Options(FaxDirection.Receive), wire.SinkB, NullLogger.Instance);
        return Run(wire, sender, receiver);
    }

    private FaxTerminalOptions Options(FaxDirection direction) => new()
    {
        Direction = direction,
        SendFile = _document,
        ReceiveFile = Path.Combine(_folder, $"rx-{_call++}.tif"),
        Ecm = Ecm,
    };

    /// <summary>Runs a call to its end over the tests' allocation-free link (<c>RingWire</c>); returns the ticks.</summary>
    private static int Run(RingWire wire, IT38FaxTerminal sender, IT38FaxTerminal receiver)
    {
        int ticks = 0;
        while (!(sender.IsComplete && receiver.IsComplete) && ticks++ < 100_000)
        {
            wire.Step(sender, receiver);
        }

        if (sender.Result?.Success != true || receiver.Result?.Success != true)
        {
            throw new InvalidOperationException($"the call failed: {sender.Result?.T30Text} / {receiver.Result?.T30Text}");
        }

        return ticks;
    }
}
