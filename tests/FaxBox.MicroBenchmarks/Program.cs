using BenchmarkDotNet.Running;

namespace FaxBox.MicroBenchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of FaxBox's hot paths, each class with a [Benchmark(Baseline = true)] so the summary
/// prints ratios side by side. Run with: dotnet run -c Release --project tests/FaxBox.MicroBenchmarks -- --filter '*Name*'.
/// </summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
