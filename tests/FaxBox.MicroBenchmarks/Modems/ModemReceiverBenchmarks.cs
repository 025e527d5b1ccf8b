using BenchmarkDotNet.Attributes;
using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>
/// CPU per 20 ms frame of a trained high-speed modem receiver in data mode: libspandsp's (baseline) against the managed
/// one, on the same recorded signal (the managed transmitter's output). Each invocation feeds 250 frames (5 s) to a
/// receiver that <see cref="Setup"/> has just trained.
/// </summary>
[MemoryDiagnoser]
public class ModemReceiverBenchmarks
{
    private const int TrainingFrames = 60;
    private const int MeasuredFrames = 250;

    private short[][] _frames = [];
    private IModemReceiver? _native;
    private IModemReceiver? _managed;
    private CountingBitSink _sink = new();

    [Params("V29/9600", "V29/7200", "V27ter/4800", "V27ter/2400")]
    public string Modem { get; set; } = "V29/9600";

    [GlobalSetup]
    public void Record()
    {
        var options = ModemCase.Parse(Modem);
        JitWarmup.Run(options);
        using var tx = new ManagedModemFactory().CreateTransmitter(options, new EndlessBitSource());
        _frames = new short[TrainingFrames + MeasuredFrames][];
        for (int i = 0; i < _frames.Length; i++)
        {
            _frames[i] = new short[160];
            tx.Transmit(_frames[i]);
        }
    }

    [IterationSetup]
    public void Setup()
    {
        var options = ModemCase.Parse(Modem);
        _native?.Dispose();
        _managed?.Dispose();
        _sink = new CountingBitSink();
        _native = new SpanDspModemFactory().CreateReceiver(options, _sink);
        _managed = new ManagedModemFactory().CreateReceiver(options, _sink);
        for (int i = 0; i < TrainingFrames; i++)
        {
            _native.Receive(_frames[i]);
            _managed.Receive(_frames[i]);
        }

        if (!_native.Trained || !_managed.Trained)
        {
            throw new InvalidOperationException($"{Modem}: a receiver did not train (native {_native.Trained}, managed {_managed.Trained})");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MeasuredFrames)]
    public void Native() => Feed(_native!);

    [Benchmark(OperationsPerInvoke = MeasuredFrames)]
    public void Managed() => Feed(_managed!);

    private void Feed(IModemReceiver receiver)
    {
        for (int i = TrainingFrames; i < _frames.Length; i++)
        {
            receiver.Receive(_frames[i]);
        }
    }
}
