namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// Where a receiving T.30 terminal puts the pages it receives: a TIFF-F file written page by page as the data arrives
/// (no page image in memory). A page is in the file once <see cref="IT4PageWriter.Commit"/> returns; disposing the sink
/// closes the file with the committed pages, so a call that drops mid-document keeps its complete pages.
/// </summary>
internal interface IT4DocumentSink : IDisposable
{
    /// <summary>Pages committed so far.</summary>
    int PagesCommitted { get; }

    /// <summary>Starts a page received in <paramref name="compression"/>; its coded data follows in line order.</summary>
    IT4PageWriter StartPage(T4PageFormat format, FaxCompression compression);
}

/// <summary>One page being received: coded data in, decoded and checked row by row as it arrives.</summary>
internal interface IT4PageWriter : IDisposable
{
    /// <summary>
    /// The next coded octets of the page in line order, first bit sent in the most significant bit (T.38 IFP order; ECM
    /// frames' data in frame-number order). Data after the page's RTC/EOFB is ignored.
    /// </summary>
    void Write(ReadOnlySpan<byte> coded);

    /// <summary>Rows decoded so far (damaged rows included).</summary>
    int Rows { get; }

    /// <summary>Rows that did not decode (non-ECM line errors), each replaced by the row before it.</summary>
    int BadRows { get; }

    /// <summary>The longest run of consecutive bad rows.</summary>
    int LongestBadRowRun { get; }

    /// <summary>True once the page's RTC (T.4) or EOFB (T.6) has been seen.</summary>
    bool EndOfPage { get; }

    /// <summary>Ends the page and writes it to the document. Disposing without committing drops the page.</summary>
    void Commit();
}
