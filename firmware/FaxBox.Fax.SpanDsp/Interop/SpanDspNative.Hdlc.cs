using System.Runtime.InteropServices;
using FaxBox.Fax.SpanDsp.Handles;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>
/// The HDLC receiver of <c>hdlc.h</c> (ITU-T T.30 §5.3 framing: flags, zero-bit deletion, CRC-16 FCS). Callback shape
/// (cdecl): <c>hdlc_frame_handler_t(void *user_data, const uint8_t *pkt, int len, int ok)</c>. A good frame arrives with
/// <c>ok</c> TRUE and <c>len</c> without the two FCS octets (measured: byte-identical to T.30's own real-time frame reports);
/// with no status handler set, 0.0.6's hdlc.c passes status changes (<c>SIG_STATUS_*</c>, including
/// <c>SIG_STATUS_FRAMING_OK</c>) through the same handler as <c>pkt == NULL</c> with the code in <c>len</c>. Frames are
/// delivered only once <c>framing_ok_threshold</c> flags in a row have been seen after carrier up. Default maximum frame
/// length: <c>HDLC_MAXFRAME_LEN</c> = 400 octets.
/// </summary>
internal static unsafe partial class SpanDspNative
{
    /// <summary>The exported <c>hdlc_rx_put_bit(hdlc_rx_state_t *s, int new_bit)</c>, which has the <c>put_bit_func_t</c> shape.</summary>
    public const string HdlcRxPutBitSymbol = "hdlc_rx_put_bit";

    [LibraryImport(Library)]
    internal static partial HdlcRxHandle hdlc_rx_init(
        nint s, int crc32, int reportBadFrames, int framingOkThreshold, delegate* unmanaged[Cdecl]<nint, byte*, int, int, void> handler, nint userData);

    [LibraryImport(Library)]
    internal static partial int hdlc_rx_free(nint s);

    [LibraryImport(Library)]
    internal static partial int hdlc_rx_get_stats(HdlcRxHandle s, HdlcRxStats* stats);

    /// <summary>
    /// <c>fsk_rx_init</c> with a native put_bit target: the demodulated bits go straight into another native state
    /// (spandsp's own fax.c wires V.21 to <c>hdlc_rx_put_bit</c> this way), so no managed transition happens per bit.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "fsk_rx_init")]
    internal static partial FskRxHandle fsk_rx_init_native_sink(nint s, nint spec, int framingMode, nint putBit, nint userData);
}
