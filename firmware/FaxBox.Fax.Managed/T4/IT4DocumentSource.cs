namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// The document a sending T.30 terminal transmits, page by page, coded for the line as T.30 negotiated it. Reads the
/// file as the call needs it: no page image and no whole coded page is held in memory.
/// </summary>
internal interface IT4DocumentSource : IDisposable
{
    /// <summary>Pages in the document.</summary>
    int PageCount { get; }

    /// <summary>The format of page <paramref name="page"/> (0-based), for the DCS.</summary>
    T4PageFormat PageFormat(int page);

    /// <summary>
    /// Starts coding page <paramref name="page"/> (0-based) in <paramref name="compression"/>. For non-ECM transmission
    /// <paramref name="minimumRowBits"/> is the minimum scan line time in bits at the negotiated rate (fill bits are
    /// inserted before an EOL to reach it); 0 for ECM. The page ends with RTC (T.4) or EOFB (T.6) as T.4 requires. The
    /// caller disposes the coder before starting the next page.
    /// </summary>
    IT4PageCoder StartPage(int page, FaxCompression compression, int minimumRowBits);
}

/// <summary>One page coded for the line, read by octet offset so an ECM sender can send a block's frames again.</summary>
internal interface IT4PageCoder : IDisposable
{
    /// <summary>
    /// Copies the coded octets from <paramref name="offset"/> into <paramref name="destination"/> and returns how many;
    /// fewer than asked only at the end of the page, 0 at or past it. Octets are in line order with the first bit sent
    /// in the most significant bit (T.38 IFP order, TIFF FillOrder 1); ECM frames carry them unchanged. Any offset read
    /// before may be read again.
    /// </summary>
    int Read(long offset, Span<byte> destination);

    /// <summary>Rows coded so far; the page's length once the end has been read.</summary>
    int Rows { get; }
}
