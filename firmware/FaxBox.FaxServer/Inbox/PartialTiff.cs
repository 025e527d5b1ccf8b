using System.Buffers.Binary;
using FaxBox.Fax.Documents;

namespace FaxBox.FaxServer.Inbox;

/// <summary>
/// Keeps the complete pages of a TIFF whose writer stopped part way (the fax call dropped, or the box lost power while
/// receiving). A receiving terminal writes each page's strips and then its image file directory (IFD), and links that
/// IFD from the previous one (TIFF 6.0 §2 "Image File Directory"); so the chain of IFDs whose entries and strips lie
/// wholly inside the file is the set of complete pages, and the first IFD that does not is the page being received.
/// </summary>
/// <remarks>
/// The file is repaired in place: the next-IFD pointer of the last complete page is set to 0, then the pages are
/// decoded; a page that does not decode is cut off the same way. Nothing else in the file is changed.
/// </remarks>
internal static class PartialTiff
{
    private const ushort TagImageWidth = 256;
    private const ushort TagImageLength = 257;
    private const ushort TagStripOffsets = 273;
    private const ushort TagStripByteCounts = 279;
    private const int MaxPages = 10_000;

    /// <summary>Repairs <paramref name="path"/> to its complete pages; 0 pages when none is complete.</summary>
    public static TiffSalvageResult Salvage(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        List<int> nextPointers = CompleteDirectories(data, out bool chainEndsCleanly);
        bool dropped = !chainEndsCleanly;
        int pages = nextPointers.Count;
        if (pages > 0 && dropped)
        {
            CutAfter(path, nextPointers[pages - 1]);
        }

        // Strips that lie inside the file may still not decode (the writer wrote the IFD but not all of its data):
        // drop trailing pages until the rest decodes. Bounded by the page count.
        while (pages > 0 && !Decodes(path))
        {
            pages--;
            dropped = true;
            if (pages > 0)
            {
                CutAfter(path, nextPointers[pages - 1]);
            }
        }

        return new TiffSalvageResult(pages, dropped);
    }

    /// <summary>Counts the complete pages without changing the file.</summary>
    public static int CountCompletePages(string path) => CompleteDirectories(File.ReadAllBytes(path), out _).Count;

    private static bool Decodes(string path)
    {
        try
        {
            _ = FaxDocument.Load(path);
            return true;
        }
        catch (FaxDocumentException)
        {
            return false;
        }
    }

    private static void CutAfter(string path, int nextPointerPosition)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Position = nextPointerPosition;
        stream.Write([0, 0, 0, 0]);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The positions of the next-IFD pointers of the complete directories, in chain order.</summary>
    private static List<int> CompleteDirectories(byte[] data, out bool chainEndsCleanly)
    {
        var pointers = new List<int>();
        chainEndsCleanly = false;
        if (data.Length < 8)
        {
            return pointers;
        }

        bool little;
        if (data[0] == 'I' && data[1] == 'I')
        {
            little = true;
        }
        else if (data[0] == 'M' && data[1] == 'M')
        {
            little = false;
        }
        else
        {
            return pointers;
        }

        var reader = new Reader(data, little);
        if (reader.U16(2) != 42)
        {
            return pointers;
        }

        var visited = new HashSet<long>();
        long offset = reader.U32(4);
        while (pointers.Count < MaxPages)
        {
            if (offset == 0)
            {
                chainEndsCleanly = pointers.Count > 0;
                return pointers;
            }

            if (!visited.Add(offset) || !IsComplete(reader, offset, out int nextPointer))
            {
                return pointers;
            }

            pointers.Add(nextPointer);
            offset = reader.U32(nextPointer);
        }

        return pointers;
    }

    private static bool IsComplete(Reader r, long offset, out int nextPointer)
    {
        nextPointer = 0;
        if (offset < 8 || offset + 2 > r.Length)
        {
            return false;
        }

        int at = (int)offset;
        int count = r.U16(at);
        long end = at + 2L + (12L * count) + 4;
        if (count == 0 || end > r.Length)
        {
            return false;
        }

        long[]? stripOffsets = null;
        long[]? stripCounts = null;
        bool width = false;
        bool length = false;
        for (int i = 0; i < count; i++)
        {
            int entry = at + 2 + (12 * i);
            ushort tag = r.U16(entry);
            ushort type = r.U16(entry + 2);
            long n = r.U32(entry + 4);
            int size = type switch { 1 or 2 or 6 or 7 => 1, 3 or 8 => 2, 4 or 9 or 11 => 4, 5 or 10 or 12 => 8, _ => 0 };
            if (size == 0 || n > int.MaxValue / 8)
            {
                return false;
            }

            long bytes = size * n;
            long valueAt = bytes <= 4 ? entry + 8 : r.U32(entry + 8);
            if (valueAt + bytes > r.Length)
            {
                return false;
            }

            switch (tag)
            {
                case TagImageWidth:
                    width = true;
                    break;
                case TagImageLength:
                    length = true;
                    break;
                case TagStripOffsets:
                    stripOffsets = r.Values(valueAt, type, n);
                    break;
                case TagStripByteCounts:
                    stripCounts = r.Values(valueAt, type, n);
                    break;
            }
        }

        if (!width || !length || stripOffsets is null || stripCounts is null || stripOffsets.Length != stripCounts.Length)
        {
            return false;
        }

        for (int i = 0; i < stripOffsets.Length; i++)
        {
            if (stripCounts[i] <= 0 || stripOffsets[i] + stripCounts[i] > r.Length)
            {
                return false;
            }
        }

        nextPointer = (int)(end - 4);
        return true;
    }

    private readonly struct Reader(byte[] data, bool little)
    {
        public long Length => data.Length;

        public ushort U16(long at) => little
            ? BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan((int)at, 2))
            : BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan((int)at, 2));

        public uint U32(long at) => little
            ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)at, 4))
            : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan((int)at, 4));

        public long[]? Values(long at, ushort type, long n)
        {
            if (type is not (3 or 4))
            {
                return null;
            }

            var values = new long[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = type == 3 ? U16(at + (2 * i)) : U32(at + (4 * i));
            }

            return values;
        }
    }
}
