using System.Runtime.InteropServices;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>
/// <c>hdlc_rx_stats_t</c> (hdlc.h): five <c>unsigned long</c> counters, so pointer-sized on every Linux target
/// (8 bytes on amd64/arm64, 4 on armhf).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct HdlcRxStats
{
    /// <summary>Octets of good frames, FCS excluded.</summary>
    public nuint Bytes;

    /// <summary>Frames with a good FCS.</summary>
    public nuint GoodFrames;

    /// <summary>Frames with a bad FCS.</summary>
    public nuint CrcErrors;

    /// <summary>Frames too short or too long.</summary>
    public nuint LengthErrors;

    /// <summary>HDLC aborts (seven or more ones in a row inside a frame).</summary>
    public nuint Aborts;
}
