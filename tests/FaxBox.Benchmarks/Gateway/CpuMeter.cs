namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// Thread CPU time summed over brackets (<see cref="Enter"/>/<see cref="Exit"/> pairs on the calling thread), and the
/// number of brackets, so the clock's own cost can be subtracted afterwards (<see cref="ThreadCpuClock.CalibrateOverheadNs"/>).
/// Used on the media thread only: not thread-safe.
/// </summary>
internal sealed class CpuMeter
{
    public CpuMeter(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>Thread CPU inside the brackets, ns, the clock reads included.</summary>
    public long RawNs { get; private set; }

    public long Brackets { get; private set; }

    /// <summary>
    /// Whether meters read the clock. Off, brackets cost nothing (no system call): the bench measures the whole process's
    /// CPU with the meters off, and splits it with them on in a second call of the same path.
    /// </summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>Opens a bracket: returns the start time to hand to <see cref="Exit"/>.</summary>
    public static long Enter() => Enabled ? ThreadCpuClock.NowNs() : 0;

    public void Exit(long start)
    {
        if (!Enabled)
        {
            return;
        }

        RawNs += ThreadCpuClock.NowNs() - start;
        Brackets++;
    }

    /// <summary>CPU inside the brackets with the clock reads' cost removed, ms.</summary>
    public double Ms(double bracketOverheadNs) => Math.Max(0, RawNs - (Brackets * bracketOverheadNs)) / 1e6;

    public void Reset()
    {
        RawNs = 0;
        Brackets = 0;
    }
}
