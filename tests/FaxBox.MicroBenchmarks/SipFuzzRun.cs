using System.Diagnostics;
using FaxBox.Sip.Tests.Parsing;

namespace FaxBox.MicroBenchmarks;

/// <summary>
/// The million-case parser fuzz run (<c>--sip-fuzz N [seed]</c>): the unit tests' <see cref="SipFuzzer"/> over the same
/// seeds, printing cases per second, accepted/rejected counts and the process's peak working set (bounded memory).
/// </summary>
internal static class SipFuzzRun
{
    public static int Run(int count, int seed)
    {
        var seeds = new List<byte[]>(SipSamples.Calls);
        var vectors = Path.Combine(FindShared(), "vectors", "rfc4475");
        foreach (var line in File.ReadAllLines(Path.Combine(vectors, "MANIFEST.tsv")).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split('\t');
            if (f[2] == "accept")
            {
                seeds.Add(File.ReadAllBytes(Path.Combine(vectors, f[0] + ".dat")));
            }
        }

        var fuzzer = new SipFuzzer(seeds, seed);
        var watch = Stopwatch.StartNew();
        const int Chunk = 100_000;
        for (var done = 0; done < count; done += Chunk)
        {
            var problem = fuzzer.Run(Math.Min(Chunk, count - done));
            if (problem is not null)
            {
                Console.WriteLine($"sip-fuzz: FAILED after {done} cases: {problem}");
                return 1;
            }

            Console.WriteLine($"sip-fuzz: {done + Math.Min(Chunk, count - done)} cases, {watch.Elapsed.TotalSeconds:F1} s, working set {Environment.WorkingSet / (1024 * 1024)} MiB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        }

        Console.WriteLine($"sip-fuzz: OK {count} cases (seed {seed}): {fuzzer.Accepted} parsed and round-tripped, {fuzzer.Rejected} rejected with a reason, {count / watch.Elapsed.TotalSeconds:F0} cases/s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        return 0;
    }

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FaxBox.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }

        throw new InvalidOperationException("FaxBox.sln not found");
    }
}
