namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// One page received into a <see cref="TiffT4DocumentSink"/>: the line's coded data is decoded by <see cref="T4Decoder"/>
/// (bad rows counted and replaced by the row before) and each row re-coded as T.6 MMR into the file's strip at once.
/// </summary>
internal sealed class TiffT4PageWriter : IT4PageWriter, IT4RowSink
{
    /// <summary>TIFF tags written per page (TIFF 6.0 §8 baseline, §11 CCITT, and the Class F tags 326–328).</summary>
    private const ushort NewSubfileType = 254, ImageWidth = 256, ImageLength = 257, BitsPerSample = 258, Compression = 259,
        Photometric = 262, FillOrder = 266, StripOffsets = 273, SamplesPerPixel = 277, RowsPerStrip = 278,
        StripByteCounts = 279, XResolution = 282, YResolution = 283, PlanarConfiguration = 284, T6Options = 293,
        ResolutionUnit = 296, PageNumber = 297, Software = 305, BadFaxLines = 326, CleanFaxData = 327,
        ConsecutiveBadFaxLines = 328;

    private readonly TiffT4DocumentSink _sink;
    private readonly T4PageFormat _format;
    private readonly long _stripStart;
    private readonly T4Decoder _decoder;
    private readonly T4Encoder _encoder;
    private bool _open = true;

    /// <summary>Starts a page whose strip begins at <paramref name="stripStart"/>.</summary>
    public TiffT4PageWriter(TiffT4DocumentSink sink, T4PageFormat format, FaxCompression compression, long stripStart)
    {
        _sink = sink;
        _format = format;
        _stripStart = stripStart;
        _decoder = new T4Decoder(format.Width, this);
        _decoder.Start(compression);
        _encoder = new T4Encoder(format.Width);
        _encoder.StartPage(FaxCompression.T6, 4, 0);
    }

    /// <summary>True until committed or disposed.</summary>
    public bool IsOpen => _open;

    /// <inheritdoc/>
    public int Rows => _decoder.Rows;

    /// <inheritdoc/>
    public int BadRows => _decoder.BadRows;

    /// <inheritdoc/>
    public int LongestBadRowRun => _decoder.LongestBadRowRun;

    /// <inheritdoc/>
    public bool EndOfPage => _decoder.EndOfPage;

    /// <summary>Why T.6 line data stopped decoding, or null.</summary>
    public string? Error => _decoder.Error;

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> coded)
    {
        ThrowIfClosed();
        _decoder.Write(coded);
    }

    /// <inheritdoc/>
    void IT4RowSink.OnRow(ReadOnlySpan<int> changes, bool bad) => _sink.WriteStrip(_encoder.EncodeRow(changes));

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">No row was received (a TIFF page needs at least one).</exception>
    public void Commit()
    {
        ThrowIfClosed();
        if (_decoder.Rows == 0)
        {
            throw new InvalidOperationException($"page {_sink.PagesCommitted + 1} has no rows to commit");
        }

        int page = _sink.PagesCommitted;
        uint rows = (uint)_decoder.Rows;
        _open = false;
        _sink.CommitPage(_encoder.Finish(), (ifdAt, stripEnd) =>
        {
            (uint xn, uint xd) = Dpi(_format.XResolution);
            (uint yn, uint yd) = Dpi(_format.YResolution);
            return new TiffIfdBuilder()
                .AddLong(NewSubfileType, 2)
                .AddLong(ImageWidth, (uint)_format.Width)
                .AddLong(ImageLength, rows)
                .AddShort(BitsPerSample, 1)
                .AddShort(Compression, 4)
                .AddShort(Photometric, 0)
                .AddShort(FillOrder, 1)
                .AddLong(StripOffsets, (uint)_stripStart)
                .AddShort(SamplesPerPixel, 1)
                .AddLong(RowsPerStrip, rows)
                .AddLong(StripByteCounts, (uint)(stripEnd - _stripStart))
                .AddRational(XResolution, xn, xd)
                .AddRational(YResolution, yn, yd)
                .AddShort(PlanarConfiguration, 1)
                .AddLong(T6Options, 0)
                .AddShort(ResolutionUnit, 2)
                .AddShort(PageNumber, (ushort)page, 0)
                .AddAscii(Software, "FaxBox")
                .AddLong(BadFaxLines, (uint)_decoder.BadRows)
                .AddShort(CleanFaxData, (ushort)(_decoder.BadRows == 0 ? 0 : 1))
                .AddLong(ConsecutiveBadFaxLines, (uint)_decoder.LongestBadRowRun)
                .Build(ifdAt);
        });
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_open)
        {
            _open = false;
            _sink.AbandonPage();
        }
    }

    /// <summary>
    /// Pixels per metre as dots per inch for XResolution/YResolution with ResolutionUnit inch: the T.30 values as the
    /// whole numbers fax software writes (204, 98, 196, 391, 200, 300, 400), others to 1/100 dpi.
    /// </summary>
    internal static (uint Numerator, uint Denominator) Dpi(int pixelsPerMetre) => pixelsPerMetre switch
    {
        8031 => (204, 1),
        3850 => (98, 1),
        7700 => (196, 1),
        15400 => (391, 1),
        7874 => (200, 1),
        11811 => (300, 1),
        15748 => (400, 1),
        _ => ((uint)Math.Round(pixelsPerMetre * 2.54), 100),
    };

    private void ThrowIfClosed()
    {
        if (!_open)
        {
            throw new InvalidOperationException("the page is already committed or disposed");
        }
    }
}
