using BenchmarkDotNet.Attributes;
using FaxBox.Core;
using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>
/// CPU and allocation per 20 ms frame of each modem receiver: spandsp 0.0.6 (baseline) against the managed engine, both
/// fed the same recording of spandsp's transmitter (training then 60 s of data, at −13 dBm0), played in a loop; the
/// receivers retrain once per loop, 1 frame in 3000.
/// </summary>
[MemoryDiagnoser]
public class ModemReceiverBenchmarks
{
    private const int RecordedFrames = 3000;
    private short[][] _recording = [];
    private IModemReceiver _native = null!;
    private IModemReceiver _managed = null!;
    private int _nativeIndex;
    private int _managedIndex;

    [ParamsSource(nameof(Cases))]
    public ModemCase Modem { get; set; } = null!;

    public static IEnumerable<ModemCase> Cases() => ModemCase.Available();

    [GlobalSetup]
    public void Setup()
    {
        var options = new ModemOptions(Modem.Type, Modem.BitRate);
        using (var tx = new SpanDspModemFactory().CreateTransmitter(options, new EndlessSource(3)))
        {
            _recording = new short[RecordedFrames][];
            for (var i = 0; i < RecordedFrames; i++)
            {
                _recording[i] = new short[AudioFrame.Samples];
                tx.Transmit(_recording[i]);
            }
        }

        _native = new SpanDspModemFactory().CreateReceiver(options, new NullSink());
        _managed = new ManagedModemFactory().CreateReceiver(options, new NullSink());
        for (var i = 0; i < 250; i++)
        {
            Native();
            Managed();
        }

        if (!_native.Trained || !_managed.Trained)
        {
            throw new InvalidOperationException($"{Modem}: a receiver is not trained after 5 s (native {_native.Trained}, managed {_managed.Trained})");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _native.Dispose();
        _managed.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Native()
    {
        _native.Receive(_recording[_nativeIndex]);
        _nativeIndex = _nativeIndex + 1 == RecordedFrames ? 0 : _nativeIndex + 1;
    }

    [Benchmark]
    public void Managed()
    {
        _managed.Receive(_recording[_managedIndex]);
        _managedIndex = _managedIndex + 1 == RecordedFrames ? 0 : _managedIndex + 1;
    }
}
