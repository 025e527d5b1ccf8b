using System.Runtime.InteropServices;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary><c>t38_stats_t</c> of spandsp 0.0.6: bit rate, ECM flag and pages transferred (12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct T38Stats
{
    public int BitRate;
    public int ErrorCorrectingMode;
    public int PagesTransferred;
}
