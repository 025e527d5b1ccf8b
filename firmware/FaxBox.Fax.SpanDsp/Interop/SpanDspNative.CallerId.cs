using System.Runtime.InteropServices;
using FaxBox.Fax.SpanDsp.Handles;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>
/// <c>adsi.h</c>: caller-ID and other analogue display services. Callback shape (cdecl):
/// <c>put_msg_func_t(void *user_data, const uint8_t *msg, int len)</c>, where <c>len &lt; 0</c> is a status report.
/// </summary>
internal static unsafe partial class SpanDspNative
{
    /// <summary><c>ADSI_STANDARD_CLASS</c>: Bell 202 FSK, Telcordia GR-30.</summary>
    public const int AdsiStandardClass = 1;

    /// <summary><c>ADSI_STANDARD_CLIP</c>: V.23 FSK, ETSI EN 300 659.</summary>
    public const int AdsiStandardClip = 2;

    /// <summary><c>ADSI_STANDARD_JCLIP</c>: NTT J-CLIP (V.23 FSK, DLE framing, CRC-16).</summary>
    public const int AdsiStandardJclip = 4;

    /// <summary><c>ADSI_STANDARD_CLIP_DTMF</c>: DTMF caller ID, ETSI EN 300 659-1 Annex B.</summary>
    public const int AdsiStandardClipDtmf = 5;

    [LibraryImport(Library)]
    internal static partial AdsiRxHandle adsi_rx_init(
        nint s, int standard, delegate* unmanaged[Cdecl]<nint, byte*, int, void> putMsg, nint userData);

    [LibraryImport(Library)]
    internal static partial int adsi_rx(AdsiRxHandle s, short* amp, int len);

    [LibraryImport(Library)]
    internal static partial int adsi_rx_free(nint s);

    /// <summary>Start with <paramref name="pos"/> = -1 (returns the message type); returns the next position, -1 at the end, -2 when corrupt.</summary>
    [LibraryImport(Library)]
    internal static partial int adsi_next_field(
        AdsiRxHandle s, byte* msg, int msgLen, int pos, byte* fieldType, byte** fieldBody, int* fieldLen);

    [LibraryImport(Library)]
    internal static partial AdsiTxHandle adsi_tx_init(nint s, int standard);

    [LibraryImport(Library)]
    internal static partial int adsi_tx(AdsiTxHandle s, short* amp, int maxLen);

    /// <summary>Returns the length taken, 0 while a message is still being sent, -1 when the message is invalid (too long).</summary>
    [LibraryImport(Library)]
    internal static partial int adsi_tx_put_message(AdsiTxHandle s, byte* msg, int len);

    /// <summary>
    /// With <paramref name="len"/> &lt;= 0 starts a message whose type is <paramref name="fieldType"/>; otherwise appends a field.
    /// Returns the new length. <b>Does no bounds checking</b>: the caller must size <paramref name="msg"/>.
    /// </summary>
    [LibraryImport(Library)]
    internal static partial int adsi_add_field(
        AdsiTxHandle s, byte* msg, int len, byte fieldType, byte* fieldBody, int fieldLen);

    [LibraryImport(Library)]
    internal static partial int adsi_tx_free(nint s);
}
