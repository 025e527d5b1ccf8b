using System.Runtime.InteropServices;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>
/// glibc malloc's mmap threshold for libspandsp 0.0.6's page buffers, set once when the engine is made. A T.4 receiver
/// grows the decoded page with <c>realloc</c> 100 rows at a time (21.6 KB steps to ~0.5 MB for A4 fine), a transmitter
/// holds the coded page (~150 KB for the bench's dense page). glibc's threshold is dynamic: it starts at 128 KiB and
/// rises to the size of the largest mmapped block freed, so after the first call's page buffer is freed every later one
/// is carved from the malloc arenas, where hundreds of buffers growing side by side leave holes the arenas keep
/// (measured: ~150–210 KiB held free per concurrent fax at 100 faxes). With a fixed 64 KiB threshold every page buffer
/// and terminal state is its own mapping: <c>realloc</c> grows it with <c>mremap</c> (no copy, no hole) and <c>free</c>
/// returns it to the kernel at once (held free: ~8 KiB per fax). Small allocations (SIP, libtiff tags) stay in the arenas.
/// <para>
/// Process-wide, as malloc is. An operator's own <c>MALLOC_MMAP_THRESHOLD_</c> in the environment wins: then nothing is
/// changed. Not applied where the C library has no <c>mallopt</c> (not glibc).
/// </para>
/// </summary>
internal static partial class PageBufferHeap
{
    /// <summary>The mmap threshold set, octets: above it malloc maps each block on its own.</summary>
    public const int MmapThreshold = 64 * 1024;

    /// <summary>mallopt's parameter number for the mmap threshold (malloc.h).</summary>
    private const int MMmapThreshold = -3;

    /// <summary>The environment variable with which an operator sets the threshold himself (mallopt(3)).</summary>
    public const string EnvironmentVariable = "MALLOC_MMAP_THRESHOLD_";

    private static readonly Lazy<bool> Result = new(Apply);

    /// <summary>Sets the threshold (once per process); true when this process runs with it.</summary>
    public static bool EnsureApplied() => Result.Value;

    private static bool Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(EnvironmentVariable) is not null)
        {
            return false;
        }

        try
        {
            return mallopt(MMmapThreshold, MmapThreshold) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc")]
    private static partial int mallopt(int param, int value);
}
