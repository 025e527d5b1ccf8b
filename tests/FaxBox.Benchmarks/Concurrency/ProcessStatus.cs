namespace FaxBox.Benchmarks.Concurrency;

/// <summary>What /proc says about this process: resident memory, open file descriptors and their limit.</summary>
internal static class ProcessStatus
{
    private static readonly byte[] StatmBuffer = new byte[256];

    /// <summary>
    /// Resident memory, bytes: the second field of /proc/self/statm times the page size, read into a buffer kept for it
    /// (the sampler runs 20 times a second and must not make the garbage it would then measure).
    /// </summary>
    public static long ResidentBytes() => Statm().Resident;

    /// <summary>
    /// Resident memory (statm's second field) and its anonymous part (resident − shared, the third field: shared counts
    /// resident file-backed and shared-memory pages), bytes. The file-backed part is page cache the kernel can drop: the
    /// mapped libraries, and the documents libtiff maps while spandsp reads them (a sender keeps its page file mapped for
    /// the call, so N senders of one file count it N times in RSS although it is one copy in memory).
    /// </summary>
    public static (long Resident, long Anonymous) Statm()
    {
        using var handle = File.OpenHandle("/proc/self/statm");
        var n = RandomAccess.Read(handle, StatmBuffer, 0);
        var text = StatmBuffer.AsSpan(0, n);
        Span<long> fields = stackalloc long[3];
        var field = 0;
        for (var i = 0; i < n && field < fields.Length; i++)
        {
            if (text[i] is >= (byte)'0' and <= (byte)'9')
            {
                fields[field] = (fields[field] * 10) + (text[i] - '0');
            }
            else
            {
                field++;
            }
        }

        var page = Environment.SystemPageSize;
        return (fields[1] * page, (fields[1] - fields[2]) * page);
    }

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
