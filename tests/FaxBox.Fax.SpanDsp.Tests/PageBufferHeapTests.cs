using System.Runtime.InteropServices;
using FaxBox.Fax.SpanDsp.Interop;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Fax.SpanDsp.Tests;

/// <summary>The engine sets malloc's mmap threshold so spandsp's page buffers are mappings of their own (PageBufferHeap).</summary>
public sealed partial class PageBufferHeapTests
{
    [Fact]
    public void After_the_engine_is_made_a_page_sized_block_below_glibcs_default_threshold_is_mapped_on_its_own()
    {
        _ = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        Assert.Null(Environment.GetEnvironmentVariable(PageBufferHeap.EnvironmentVariable)); // else the operator's setting wins
        Assert.True(PageBufferHeap.EnsureApplied());

        // 100 KB: above the 64 KiB set, below glibc's default 128 KiB, so only the setting can make such a block a mapping
        // of its own. glibc serves a request from its free bins or the arena's top chunk first and maps only when those
        // run out, so 256 blocks (25 MB) are asked for: past whatever the arenas hold free, new blocks are mapped (glibc
        // marks such a chunk IS_MMAPPED, 0x2, in the size word before the block). Without the setting none would be.
        var blocks = new nint[256];
        try
        {
            for (var i = 0; i < blocks.Length; i++)
            {
                blocks[i] = malloc(100_000);
                Assert.NotEqual(0, blocks[i]);
            }

            var mapped = blocks.Count(b => ((ulong)Marshal.ReadInt64(b - sizeof(long)) & IsMmapped) != 0);
            Assert.True(mapped > 0, "none of 256 blocks of 100 KB was mapped on its own");
        }
        finally
        {
            foreach (var block in blocks)
            {
                free(block);
            }
        }
    }

    [Fact]
    public void A_small_block_still_comes_from_an_arena()
    {
        Assert.True(PageBufferHeap.EnsureApplied());
        var block = malloc(1000);
        try
        {
            Assert.Equal(0UL, (ulong)Marshal.ReadInt64(block - sizeof(long)) & IsMmapped);
        }
        finally
        {
            free(block);
        }
    }

    private const ulong IsMmapped = 0x2;

    [LibraryImport("libc")]
    private static partial nint malloc(nuint size);

    [LibraryImport("libc")]
    private static partial void free(nint block);
}
