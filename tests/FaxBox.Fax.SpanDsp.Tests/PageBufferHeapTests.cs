using System.Runtime.InteropServices;
using FaxBox.Fax.SpanDsp.Interop;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Fax.SpanDsp.Tests;

/// <summary>The engine sets malloc's mmap threshold so spandsp's page buffers are mappings of their own (PageBufferHeap).</summary>
public sealed partial class PageBufferHeapTests
{
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [Fact]
    public void After_the_engine_is_made_a_page_sized_block_below_glibcs_default_threshold_is_mapped_on_its_own()
    {
        _ = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        Assert.Null(Environment.GetEnvironmentVariable(PageBufferHeap.EnvironmentVariable)); // else the operator's setting wins
        Assert.True(PageBufferHeap.EnsureApplied());

        // 100 KB: above the 64 KiB set, below glibc's default 128 KiB, so only the setting makes it a mapping of its own.
        var before = mallinfo2();
        var block = malloc(100_000);
        try
        {
            Assert.NotEqual(0, block);
            var during = mallinfo2();
            Assert.Equal(before.Hblks + 1, during.Hblks);
            Assert.True(during.Hblkhd - before.Hblkhd >= 100_000, $"mapped octets grew by {during.Hblkhd - before.Hblkhd}");
        }
        finally
        {
            free(block);
        }

        Assert.Equal(before.Hblks, mallinfo2().Hblks); // freed: unmapped, given back to the kernel
    }

    [LibraryImport("libc")]
    private static partial MallInfo2 mallinfo2();

    [LibraryImport("libc")]
    private static partial nint malloc(nuint size);

    [LibraryImport("libc")]
    private static partial void free(nint block);
}
