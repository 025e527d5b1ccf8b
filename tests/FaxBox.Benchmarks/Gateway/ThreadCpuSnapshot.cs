using System.Globalization;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// Every thread of this process with its CPU time so far (user + system, from /proc/self/task/*/stat, clock ticks of
/// 10 ms), for <c>--threads</c>: which threads a call's CPU went to. Names are the kernel's (15 characters, .NET sets them
/// from Thread.Name: ".NET TP Worker", ".NET Timer", ...).
/// </summary>
internal sealed class ThreadCpuSnapshot
{
    private const double MsPerTick = 10.0;

    private readonly Dictionary<int, (string Name, long Ticks)> _threads;

    private ThreadCpuSnapshot(Dictionary<int, (string Name, long Ticks)> threads)
    {
        _threads = threads;
    }

    public static ThreadCpuSnapshot Take()
    {
        var threads = new Dictionary<int, (string Name, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));

                // pid (comm) state ... : comm may hold spaces, so split after the last ')'. utime and stime are fields 14 and 15.
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture)] = (name, ticks);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return new ThreadCpuSnapshot(threads);
    }

    /// <summary>"name=ms" for each thread that used CPU since <paramref name="before"/>, busiest first, threads of one name summed.</summary>
    public string Since(ThreadCpuSnapshot before)
    {
        var byName = new Dictionary<string, long>();
        foreach (var (tid, (name, ticks)) in _threads)
        {
            var delta = ticks - (before._threads.TryGetValue(tid, out var b) ? b.Ticks : 0);
            if (delta > 0)
            {
                byName[name] = byName.GetValueOrDefault(name) + delta;
            }
        }

        return string.Join(' ', byName.OrderByDescending(kv => kv.Value).Select(kv => string.Create(CultureInfo.InvariantCulture, $"'{kv.Key}'={kv.Value * MsPerTick:F0}ms")));
    }
}
