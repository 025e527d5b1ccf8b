namespace FaxBox.Fax;

/// <summary>T.30 transfer statistics of one call.</summary>
/// <param name="BitRate">Image data rate in bit/s (2400 … 14400), 0 before training.</param>
/// <param name="Ecm">True when error correction mode is in use.</param>
/// <param name="PagesTransferred">Pages sent (sender) or received (receiver).</param>
/// <param name="PagesInFile">Pages in the file being sent, when known.</param>
/// <param name="XResolution">Horizontal resolution of the current page, pixels per metre.</param>
/// <param name="YResolution">Vertical resolution of the current page, pixels per metre.</param>
/// <param name="Width">Current page width in pixels.</param>
/// <param name="Length">Current page length in rows.</param>
/// <param name="Compression">Compression on the line.</param>
/// <param name="BadRows">Rows received damaged (non-ECM).</param>
/// <param name="LongestBadRowRun">Longest run of damaged rows.</param>
/// <param name="EcmRetries">ECM partial-page retransmission requests.</param>
public readonly record struct FaxStatistics(
    int BitRate,
    bool Ecm,
    int PagesTransferred,
    int PagesInFile,
    int XResolution,
    int YResolution,
    int Width,
    int Length,
    FaxCompression Compression,
    int BadRows,
    int LongestBadRowRun,
    int EcmRetries);

/// <summary>Image compression on the line (T.4 / T.6).</summary>
public enum FaxCompression
{
    /// <summary>Not yet known.</summary>
    Unknown = 0,

    /// <summary>T.4 one-dimensional (MH).</summary>
    T4OneDimensional = 1,

    /// <summary>T.4 two-dimensional (MR).</summary>
    T4TwoDimensional = 2,

    /// <summary>T.6 (MMR), ECM only.</summary>
    T6 = 3,
}
