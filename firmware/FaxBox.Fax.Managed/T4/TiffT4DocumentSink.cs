using System.Buffers.Binary;
using FaxBox.Fax.Documents;

namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// Writes received pages as a multi-page TIFF-F file (TIFF 6.0 §11 with the Class F tags; MMR as RFC 2306 allows) while
/// the data arrives: every row is decoded (bad rows counted and replaced) and re-coded as T.6 MMR, the most compact
/// coding every reader here takes, straight into the file as the page's one strip. <see cref="IT4PageWriter.Commit"/>
/// writes the page's IFD after its strip, flushes, then links it from the previous IFD (or the header) and flushes
/// again, so at every moment the file reads as exactly its committed pages (what the inbox's PartialTiff salvages
/// after a crash). Little-endian classic TIFF.
/// </summary>
internal sealed class TiffT4DocumentSink : IT4DocumentSink
{
    private readonly FileStream _file;
    private long _committedEnd;
    private long _linkPosition;
    private TiffT4PageWriter? _active;

    /// <summary>Creates <paramref name="path"/> (replacing a file of that name, as the native terminal does) with a TIFF header and no page.</summary>
    /// <exception cref="FaxDocumentException">The file cannot be created.</exception>
    public TiffT4DocumentSink(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        try
        {
            _file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 4096);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaxDocumentException(path, ex.Message, ex);
        }

        // TIFF 6.0 §2: "II", 42, offset of the first IFD (0 until a page is committed).
        Span<byte> header = [(byte)'I', (byte)'I', 42, 0, 0, 0, 0, 0];
        _file.Write(header);
        _file.Flush(flushToDisk: true);
        _committedEnd = header.Length;
        _linkPosition = 4;
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public int PagesCommitted { get; private set; }

    /// <inheritdoc/>
    public IT4PageWriter StartPage(T4PageFormat format, FaxCompression compression)
    {
        ObjectDisposedException.ThrowIf(!_file.CanWrite, this);
        if (_active is { IsOpen: true })
        {
            throw new InvalidOperationException($"page {PagesCommitted + 1} is still being written: commit or dispose it first");
        }

        if (format.Width is < 1 or > FaxPage.MaxWidth || format.XResolution <= 0 || format.YResolution <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "width 1…10000 and positive resolutions");
        }

        // Strips and IFDs start on a word boundary (TIFF 6.0 §2).
        long start = (_committedEnd + 1) & ~1L;
        _file.Position = start;
        _active = new TiffT4PageWriter(this, format, compression, start);
        return _active;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_file.CanWrite)
        {
            return;
        }

        _active?.Dispose();
        _file.Dispose();
    }

    /// <summary>Appends coded strip data of the page being written.</summary>
    internal void WriteStrip(ReadOnlySpan<byte> data) => _file.Write(data);

    /// <summary>Writes the IFD of a finished page after its strip and links it into the chain.</summary>
    internal void CommitPage(ReadOnlySpan<byte> lastStripData, Func<long, long, byte[]> buildIfd)
    {
        _file.Write(lastStripData);
        long stripEnd = _file.Position;
        long ifdOffset = (stripEnd + 1) & ~1L;
        if (ifdOffset > uint.MaxValue - 4096)
        {
            throw new FaxDocumentException(Path, "file too large for classic TIFF");
        }

        if (ifdOffset > stripEnd)
        {
            _file.WriteByte(0);
        }

        byte[] ifd = buildIfd(ifdOffset, stripEnd);
        _file.Write(ifd);
        _file.Flush(flushToDisk: true);

        Span<byte> link = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(link, (uint)ifdOffset);
        _file.Position = _linkPosition;
        _file.Write(link);
        _file.Flush(flushToDisk: true);

        _committedEnd = ifdOffset + ifd.Length;
        _linkPosition = ifdOffset + TiffIfdBuilder.NextIfdPointerOffset(ifd);
        PagesCommitted++;
    }

    /// <summary>Drops a page that was not committed: the file is cut back to the committed pages.</summary>
    internal void AbandonPage()
    {
        if (!_file.CanWrite)
        {
            return;
        }

        _file.SetLength(_committedEnd);
        _file.Flush(flushToDisk: true);
    }
}
