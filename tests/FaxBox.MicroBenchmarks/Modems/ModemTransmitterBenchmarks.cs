using BenchmarkDotNet.Attributes;
using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>
/// CPU per 20 ms frame of a high-speed modem transmitter in data mode: libspandsp's (baseline) against the managed one.
/// Each invocation produces 250 frames (5 s) after <see cref="Setup"/> has sent the training.
/// </summary>
[MemoryDiagnoser]
public class ModemTransmitterBenchmarks
{
    private const int TrainingFrames = 60;
    private const int MeasuredFrames = 250;

    private readonly short[] _frame = new short[160];
    private IModemTransmitter? _native;
    private IModemTransmitter? _managed;

    [Params("V29/9600", "V29/7200", "V27ter/4800", "V27ter/2400")]
    public string Modem { get; set; } = "V29/9600";

    [GlobalSetup]
    public void Warm() => JitWarmup.Run(ModemCase.Parse(Modem));

    [IterationSetup]
    public void Setup()
    {
        var options = ModemCase.Parse(Modem);
        _native?.Dispose();
        _managed?.Dispose();
        _native = new SpanDspModemFactory().CreateTransmitter(options, new EndlessBitSource());
        _managed = new ManagedModemFactory().CreateTransmitter(options, new EndlessBitSource());
        for (int i = 0; i < TrainingFrames; i++)
        {
            _native.Transmit(_frame);
            _managed.Transmit(_frame);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MeasuredFrames)]
    public void Native() => Produce(_native!);

    [Benchmark(OperationsPerInvoke = MeasuredFrames)]
    public void Managed() => Produce(_managed!);

    private void Produce(IModemTransmitter transmitter)
    {
        for (int i = 0; i < MeasuredFrames; i++)
        {
            transmitter.Transmit(_frame);
        }
    }
}
