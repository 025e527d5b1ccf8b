using System.Runtime.InteropServices;
using FaxBox.Fax.SpanDsp.Handles;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>
/// <c>dtmf.h</c>, <c>modem_connect_tones.h</c> and the part of <c>fsk.h</c> used to send a V.21 flag preamble.
/// Callback shapes (all cdecl): <c>digits_rx_callback_t(void *user_data, const char *digits, int len)</c>,
/// <c>tone_report_func_t(void *user_data, int code, int level, int delay)</c>, <c>get_bit_func_t(void *user_data)</c>.
/// </summary>
internal static unsafe partial class SpanDspNative
{
    /// <summary><c>MODEM_CONNECT_TONES_NONE</c>: reported when a tone stops.</summary>
    public const int ModemConnectTonesNone = 0;

    /// <summary><c>MODEM_CONNECT_TONES_FAX_CNG</c>: 1100 Hz, 0.5 s on / 3 s off.</summary>
    public const int ModemConnectTonesFaxCng = 1;

    /// <summary><c>MODEM_CONNECT_TONES_ANS</c> (= <c>MODEM_CONNECT_TONES_FAX_CED</c>): continuous 2100 Hz.</summary>
    public const int ModemConnectTonesAns = 2;

    /// <summary><c>MODEM_CONNECT_TONES_ANS_PR</c>: 2100 Hz with a phase reversal every 450 ms.</summary>
    public const int ModemConnectTonesAnsPr = 3;

    /// <summary><c>MODEM_CONNECT_TONES_ANSAM</c>: 2100 Hz with 20 % 15 Hz AM (V.8).</summary>
    public const int ModemConnectTonesAnsAm = 4;

    /// <summary><c>MODEM_CONNECT_TONES_ANSAM_PR</c>: ANSam with phase reversals.</summary>
    public const int ModemConnectTonesAnsAmPr = 5;

    /// <summary><c>MODEM_CONNECT_TONES_FAX_PREAMBLE</c>: back-to-back V.21 HDLC flags.</summary>
    public const int ModemConnectTonesFaxPreamble = 6;

    /// <summary><c>FSK_V21CH2</c>: index of V.21 channel 2 (1650/1850 Hz, 300 bit/s) in <c>preset_fsk_specs[]</c>.</summary>
    public const int FskV21Ch2 = 1;

    /// <summary>The exported data symbol <c>const fsk_spec_t preset_fsk_specs[]</c>.</summary>
    public const string PresetFskSpecsSymbol = "preset_fsk_specs";

    // ---- dtmf.h: receiver ----

    [LibraryImport(Library)]
    internal static partial DtmfRxHandle dtmf_rx_init(
        nint s, delegate* unmanaged[Cdecl]<nint, byte*, int, void> callback, nint userData);

    [LibraryImport(Library)]
    internal static partial int dtmf_rx(DtmfRxHandle s, short* amp, int samples);

    [LibraryImport(Library)]
    internal static partial void dtmf_rx_parms(DtmfRxHandle s, int filterDialtone, int twist, int reverseTwist, int threshold);

    [LibraryImport(Library)]
    internal static partial int dtmf_rx_free(nint s);

    // ---- dtmf.h: generator ----

    [LibraryImport(Library)]
    internal static partial DtmfTxHandle dtmf_tx_init(nint s);

    /// <summary>Queues digits; in 0.0.6 returns how many did <em>not</em> fit (0 = all queued; nothing is queued when they don't all fit).</summary>
    [LibraryImport(Library)]
    internal static partial int dtmf_tx_put(DtmfTxHandle s, byte* digits, int len);

    [LibraryImport(Library)]
    internal static partial int dtmf_tx(DtmfTxHandle s, short* amp, int maxSamples);

    [LibraryImport(Library)]
    internal static partial int dtmf_tx_free(nint s);

    // ---- modem_connect_tones.h ----

    [LibraryImport(Library)]
    internal static partial ModemConnectTonesTxHandle modem_connect_tones_tx_init(nint s, int toneType);

    [LibraryImport(Library)]
    internal static partial int modem_connect_tones_tx(ModemConnectTonesTxHandle s, short* amp, int len);

    [LibraryImport(Library)]
    internal static partial int modem_connect_tones_tx_free(nint s);

    [LibraryImport(Library)]
    internal static partial ModemConnectTonesRxHandle modem_connect_tones_rx_init(
        nint s, int toneType, delegate* unmanaged[Cdecl]<nint, int, int, int, void> toneCallback, nint userData);

    [LibraryImport(Library)]
    internal static partial int modem_connect_tones_rx(ModemConnectTonesRxHandle s, short* amp, int len);

    [LibraryImport(Library)]
    internal static partial int modem_connect_tones_rx_free(nint s);

    // ---- fsk.h (transmit only) ----

    /// <summary><paramref name="spec"/> points at one <c>fsk_spec_t</c>; the library keeps the pointer, so it must be static data.</summary>
    [LibraryImport(Library)]
    internal static partial FskTxHandle fsk_tx_init(
        nint s, nint spec, delegate* unmanaged[Cdecl]<nint, int> getBit, nint userData);

    [LibraryImport(Library)]
    internal static partial int fsk_tx(FskTxHandle s, short* amp, int len);

    [LibraryImport(Library)]
    internal static partial int fsk_tx_free(nint s);
}
