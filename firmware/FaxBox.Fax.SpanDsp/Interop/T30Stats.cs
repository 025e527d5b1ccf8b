using System.Runtime.InteropServices;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary><c>t30_stats_t</c> of spandsp 0.0.6: 15 ints, 60 bytes, the same layout on amd64, arm64 and armhf.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct T30Stats
{
    public int BitRate;
    public int ErrorCorrectingMode;
    public int PagesTx;
    public int PagesRx;
    public int PagesInFile;
    public int XResolution;
    public int YResolution;
    public int Width;
    public int Length;
    public int ImageSize;
    public int Encoding;
    public int BadRows;
    public int LongestBadRowRun;
    public int ErrorCorrectingModeRetries;
    public int CurrentStatus;
}
