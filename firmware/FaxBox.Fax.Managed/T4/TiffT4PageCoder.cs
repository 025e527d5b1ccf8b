using FaxBox.Fax.Documents;
using Microsoft.Win32.SafeHandles;

namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// One page of a <see cref="TiffT4DocumentSource"/> coded for the line, lazily: when <see cref="Read"/> asks beyond what
/// is coded, the next chunk of strip data is read from the TIFF, decoded, and its rows re-coded and appended to a
/// per-page spill file (deleted when the coder is disposed), so any octet read before can be read again (ECM
/// retransmission) and the page's CPU is spread over the call. Memory: the codec's row buffers, a chunk of strip data
/// and a small staging buffer.
/// </summary>
internal sealed class TiffT4PageCoder : IT4PageCoder, IT4RowSink
{
    /// <summary>Octets of strip data read and decoded at a time.</summary>
    internal const int ChunkBytes = 512;

    /// <summary>Coded octets kept in memory before they are written to the spill file.</summary>
    internal const int StagingBytes = 4096;

    private readonly string _path;
    private readonly SafeFileHandle _source;
    private readonly SafeFileHandle _spill;
    private readonly T4Decoder _decoder;
    private readonly T4Encoder _encoder;
    private readonly byte[] _chunk = new byte[ChunkBytes];
    private readonly byte[] _staging = new byte[StagingBytes];
    private readonly int[]? _inverted;
    private int _staged;
    private long _flushed;
    private int _strip = -1;
    private long _stripPosition;
    private int _stripRows;
    private bool _complete;

    /// <summary>Starts coding <paramref name="page"/> of the TIFF open as <paramref name="source"/>.</summary>
    /// <exception cref="FaxDocumentException">The spill file cannot be created in <paramref name="spillDirectory"/>.</exception>
    public TiffT4PageCoder(string path, SafeFileHandle source, TiffT4SourcePage page, FaxCompression compression, int minimumRowBits, string? spillDirectory)
    {
        ArgumentNullException.ThrowIfNull(page);
        _path = path;
        _source = source;
        Page = page;
        int width = page.Format.Width;
        _decoder = new T4Decoder(width, this);
        _encoder = new T4Encoder(width);
        _encoder.StartPage(compression, T4Encoder.KFor(page.Format.YResolution), compression == FaxCompression.T6 ? 0 : minimumRowBits);
        _inverted = page.MinIsBlack ? new int[width + 1] : null;
        string spill = System.IO.Path.Combine(spillDirectory ?? System.IO.Path.GetTempPath(), $"faxbox-t4-{Guid.NewGuid():N}.spill");
        try
        {
            _spill = File.OpenHandle(spill, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaxDocumentException(spill, $"cannot create the spill file of page {page.Index + 1}: {ex.Message}", ex);
        }

        SpillPath = spill;
    }

    /// <summary>The page being coded.</summary>
    public TiffT4SourcePage Page { get; }

    /// <summary>The spill file (deleted on dispose).</summary>
    public string SpillPath { get; }

    /// <inheritdoc/>
    public int Rows => _encoder.Rows;

    /// <summary>Octets coded so far; the page's coded length once <see cref="IsComplete"/>.</summary>
    public long CodedLength => _flushed + _staged;

    /// <summary>True once the whole page is coded (RTC/EOFB included).</summary>
    public bool IsComplete => _complete;

    /// <summary>Source rows that did not decode and were replaced by the row before them.</summary>
    public int BadSourceRows { get; private set; }

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => _spill.IsClosed;

    /// <inheritdoc/>
    /// <exception cref="FaxDocumentException">The page's strip data is truncated or does not decode.</exception>
    public int Read(long offset, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_spill.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        long end = offset + destination.Length;
        while (!_complete && CodedLength < end)
        {
            CodeMore();
        }

        int n = (int)Math.Clamp(CodedLength - offset, 0, destination.Length);
        if (n == 0)
        {
            return 0;
        }

        int fromFile = (int)Math.Clamp(_flushed - offset, 0, n);
        if (fromFile > 0)
        {
            int read = 0;
            while (read < fromFile)
            {
                int r = RandomAccess.Read(_spill, destination.Slice(read, fromFile - read), offset + read);
                if (r <= 0)
                {
                    throw new IOException($"{SpillPath}: spill file shorter than written");
                }

                read += r;
            }
        }

        if (n > fromFile)
        {
            int stagedFrom = (int)(offset + fromFile - _flushed);
            _staging.AsSpan(stagedFrom, n - fromFile).CopyTo(destination[fromFile..]);
        }

        return n;
    }

    /// <inheritdoc/>
    void IT4RowSink.OnRow(ReadOnlySpan<int> changes, bool bad)
    {
        if (bad)
        {
            BadSourceRows++;
        }

        if (_inverted is { } inv)
        {
            // MinIsBlack: the same changes, one more (or one fewer) at 0.
            if (changes.Length > 0 && changes[0] == 0)
            {
                changes = changes[1..];
            }
            else
            {
                inv[0] = 0;
                changes.CopyTo(inv.AsSpan(1));
                changes = inv.AsSpan(0, changes.Length + 1);
            }
        }

        Append(_encoder.EncodeRow(changes));
    }

    /// <inheritdoc/>
    public void Dispose() => _spill.Dispose();

    /// <summary>Decodes the next chunk of strip data (or starts the next strip, or ends the page).</summary>
    private void CodeMore()
    {
        int page = Page.Index + 1;
        if (_strip < 0 || _decoder.IsFinished || _stripPosition >= Page.StripByteCounts[_strip])
        {
            if (_strip >= 0 && _decoder.Rows < _stripRows)
            {
                string why = _decoder.Error ?? $"strip data ends after {_decoder.Rows} of {_stripRows} rows";
                throw new FaxDocumentException(_path, $"page {page}: strip {_strip}: {why}");
            }

            _strip++;
            int firstRow = _strip * Page.RowsPerStrip;
            if (firstRow >= Page.Height)
            {
                Append(_encoder.Finish());
                _complete = true;
                return;
            }

            _stripRows = Math.Min(Page.RowsPerStrip, Page.Height - firstRow);
            _stripPosition = 0;
            _decoder.Start(Page.Compression, _stripRows);
            return;
        }

        int n = (int)Math.Min(ChunkBytes, Page.StripByteCounts[_strip] - _stripPosition);
        Span<byte> chunk = _chunk.AsSpan(0, n);
        int read = RandomAccess.Read(_source, chunk, Page.StripOffsets[_strip] + _stripPosition);
        if (read <= 0)
        {
            throw new FaxDocumentException(_path, $"page {page}: strip {_strip} ends at file offset {Page.StripOffsets[_strip] + _stripPosition}, before its {Page.StripByteCounts[_strip]} octets");
        }

        chunk = chunk[..read];
        _stripPosition += read;
        if (Page.ReverseBits)
        {
            BitReversal.ReverseInPlace(chunk);
        }

        _decoder.Write(chunk);
    }

    private void Append(ReadOnlySpan<byte> coded)
    {
        while (coded.Length > 0)
        {
            int n = Math.Min(coded.Length, _staging.Length - _staged);
            coded[..n].CopyTo(_staging.AsSpan(_staged));
            _staged += n;
            coded = coded[n..];
            if (_staged == _staging.Length)
            {
                RandomAccess.Write(_spill, _staging, _flushed);
                _flushed += _staged;
                _staged = 0;
            }
        }
    }
}
