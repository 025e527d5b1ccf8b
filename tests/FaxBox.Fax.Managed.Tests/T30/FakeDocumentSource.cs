using FaxBox.Fax.Managed.T4;

namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>
/// An opaque document for managed ↔ managed runs: each page is a deterministic run of pseudo-random octets (not T.4),
/// so the receiving fake can check every octet arrived in order. Rows are counted as one per 16 octets.
/// </summary>
internal sealed class FakeDocumentSource(int pages, int octetsPerPage, T4PageFormat format) : IT4DocumentSource
{
    public int PageCount => pages;

    public bool Disposed { get; private set; }

    public int PagesStarted { get; private set; }

    public T4PageFormat PageFormat(int page) => format;

    public IT4PageCoder StartPage(int page, FaxCompression compression, int minimumRowBits)
    {
        PagesStarted++;
        return new Coder(Page(page, octetsPerPage));
    }

    public void Dispose() => Disposed = true;

    /// <summary>The octets of page <paramref name="page"/>.</summary>
    public static byte[] Page(int page, int length)
    {
        var data = new byte[length];
        new Random(1000 + page).NextBytes(data);
        return data;
    }

    private sealed class Coder(byte[] data) : IT4PageCoder
    {
        public int Rows { get; private set; }

        public int Read(long offset, Span<byte> destination)
        {
            if (offset >= data.Length)
            {
                return 0;
            }

            int n = (int)Math.Min(destination.Length, data.Length - offset);
            data.AsSpan((int)offset, n).CopyTo(destination);
            Rows = Math.Max(Rows, (int)((offset + n) / 16));
            return n;
        }

        public void Dispose()
        {
        }
    }
}
