using System.Runtime.InteropServices;

namespace FaxBox.Benchmarks.Concurrency;

/// <summary>
/// glibc's malloc accounting (mallinfo2, glibc 2.33+): the native heap the process has in use — libspandsp's terminal
/// states and page images, libtiff's buffers, the runtime's own — apart from the managed heap and from memory malloc holds
/// free. Allocation-free, so the 50 ms sampler may call it.
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>struct mallinfo2 in malloc.h: ten size_t fields.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena;
        public nuint Ordblks;
        public nuint Smblks;
        public nuint Hblks;
        public nuint Hblkhd;
        public nuint Usmblks;
        public nuint Fsmblks;
        public nuint Uordblks;
        public nuint Fordblks;
        public nuint Keepcost;
    }

    /// <summary>
    /// Bytes malloc has handed out and not had back: in-use chunks of every arena (uordblks) plus mmapped chunks (hblkhd);
    /// -1 when the C library has no mallinfo2.
    /// </summary>
    public static long InUseBytes()
    {
        try
        {
            var info = mallinfo2();
            return (long)(info.Uordblks + info.Hblkhd);
        }
        catch (EntryPointNotFoundException)
        {
            return -1;
        }
    }

    /// <summary>Bytes malloc holds free in its arenas (fordblks): taken from the kernel, not handed out, still resident where touched; -1 when unknown.</summary>
    public static long FreeHeldBytes()
    {
        try
        {
            return (long)mallinfo2().Fordblks;
        }
        catch (EntryPointNotFoundException)
        {
            return -1;
        }
    }

    [LibraryImport("libc")]
    private static partial MallInfo2 mallinfo2();
}
