using BenchmarkDotNet.Attributes;
using FaxBox.Core;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Signalling;

namespace FaxBox.MicroBenchmarks.LineInterface;

/// <summary>
/// The FXO call-progress detector per 20 ms frame (its cadence matcher plus the SIT sequence detector) and the
/// <see cref="SitDetector"/> alone, against the cheapest look at a frame (its mean square), on a US special
/// information tone. Allocated must be 0 B.
/// Run: <c>dotnet run -c Release --project tests/FaxBox.MicroBenchmarks -- --filter *CallProgressToneDetectorBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class CallProgressToneDetectorBenchmarks
{
    private const int Frames = 100;
    private readonly short[] _audio = new short[Frames * AudioFrame.Samples];
    private CallProgressToneDetector _detector = null!;
    private SitDetector _sit = null!;
    private int _frame;

    [GlobalSetup]
    public void Setup()
    {
        var region = LineRegions.BuiltIn.Get("US");
        var generator = new ToneGenerator(region.Sit);
        for (var i = 0; i < Frames; i++)
        {
            generator.Generate(_audio.AsSpan(i * AudioFrame.Samples, AudioFrame.Samples));
        }

        _detector = new CallProgressToneDetector(region);
        _sit = new SitDetector(1);
    }

    [Benchmark(Baseline = true, Description = "frame mean square")]
    public double MeanSquare()
    {
        double sum = 0;
        foreach (var s in Next())
        {
            sum += (double)s * s;
        }

        return sum / AudioFrame.Samples;
    }

    [Benchmark(Description = "SitDetector.Process")]
    public bool Sit() => _sit.Process(Next());

    [Benchmark(Description = "CallProgressToneDetector.Process (with SIT)")]
    public int Detector()
    {
        _detector.Process(Next());
        return (int)_detector.Current;
    }

    private ReadOnlySpan<short> Next()
    {
        _frame = (_frame + 1) % Frames;
        return _audio.AsSpan(_frame * AudioFrame.Samples, AudioFrame.Samples);
    }
}
