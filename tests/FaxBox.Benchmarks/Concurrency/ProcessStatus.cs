namespace FaxBox.Benchmarks.Concurrency;

/// <summary>What /proc says about this process: resident memory, open file descriptors and their limit.</summary>
internal static class ProcessStatus
{
    /// <summary>VmRSS from /proc/self/status, bytes.</summary>
    public static long ResidentBytes() => StatusField("VmRSS:") * 1024;

    /// <summary>Threads of this process (Threads: in /proc/self/status).</summary>
    public static int Threads() => (int)StatusField("Threads:");

    private static long StatusField(string name)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(name.Length).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/self/status has no {name} line");
    }

    /// <summary>Open file descriptors (entries of /proc/self/fd).</summary>
    public static int OpenFiles() => Directory.GetFiles("/proc/self/fd").Length;

    /// <summary>The soft RLIMIT_NOFILE from /proc/self/limits ("Max open files"), or -1 when unlimited or unreadable.</summary>
    public static long OpenFileLimit()
    {
        foreach (var line in File.ReadLines("/proc/self/limits"))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.TryParse(fields[0], out var soft) ? soft : -1;
            }
        }

        return -1;
    }
}
