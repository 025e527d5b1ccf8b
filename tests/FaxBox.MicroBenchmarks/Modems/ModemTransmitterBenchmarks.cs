using BenchmarkDotNet.Attributes;
using FaxBox.Core;
using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>
/// CPU and allocation per 20 ms frame (one operation = one 160-sample frame) of each modem transmitter: spandsp 0.0.6
/// (baseline) against the managed engine, in steady state (training long past, an endless data stream).
/// </summary>
[MemoryDiagnoser]
public class ModemTransmitterBenchmarks
{
    private readonly short[] _frame = new short[AudioFrame.Samples];
    private IModemTransmitter _native = null!;
    private IModemTransmitter _managed = null!;

    [ParamsSource(nameof(Cases))]
    public ModemCase Modem { get; set; } = null!;

    public static IEnumerable<ModemCase> Cases() => ModemCase.Available();

    [GlobalSetup]
    public void Setup()
    {
        var options = new ModemOptions(Modem.Type, Modem.BitRate);
        _native = new SpanDspModemFactory().CreateTransmitter(options, new EndlessSource(1));
        _managed = new ManagedModemFactory().CreateTransmitter(options, new EndlessSource(1));

        // Past training: 5 s of frames.
        for (var i = 0; i < 250; i++)
        {
            _native.Transmit(_frame);
            _managed.Transmit(_frame);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _native.Dispose();
        _managed.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int Native() => _native.Transmit(_frame);

    [Benchmark]
    public int Managed() => _managed.Transmit(_frame);
}
