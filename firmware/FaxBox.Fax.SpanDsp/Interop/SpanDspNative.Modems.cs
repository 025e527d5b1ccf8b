using System.Runtime.InteropServices;
using FaxBox.Fax.SpanDsp.Handles;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>
/// The stand-alone modems of 0.0.6: <c>v17rx.h</c>, <c>v17tx.h</c>, <c>v29rx.h</c>, <c>v29tx.h</c>, <c>v27ter_rx.h</c>,
/// <c>v27ter_tx.h</c> and the receive half of <c>fsk.h</c>. Callback shapes (cdecl):
/// <c>put_bit_func_t(void *user_data, int bit)</c> (a negative <c>bit</c> is a <c>SIG_STATUS_*</c> code when no status
/// handler is set), <c>get_bit_func_t(void *user_data)</c> (return <c>SIG_STATUS_END_OF_DATA</c> to stop),
/// <c>qam_report_handler_t(void *user_data, const complexf_t *constel, const complexf_t *target, int symbol)</c>.
/// </summary>
internal static unsafe partial class SpanDspNative
{
    /// <summary><c>SIG_STATUS_CARRIER_DOWN</c> (async.h).</summary>
    public const int SigStatusCarrierDown = -1;

    /// <summary><c>SIG_STATUS_CARRIER_UP</c>.</summary>
    public const int SigStatusCarrierUp = -2;

    /// <summary><c>SIG_STATUS_TRAINING_IN_PROGRESS</c>.</summary>
    public const int SigStatusTrainingInProgress = -3;

    /// <summary><c>SIG_STATUS_TRAINING_SUCCEEDED</c>.</summary>
    public const int SigStatusTrainingSucceeded = -4;

    /// <summary><c>SIG_STATUS_TRAINING_FAILED</c>.</summary>
    public const int SigStatusTrainingFailed = -5;

    /// <summary><c>SIG_STATUS_END_OF_DATA</c>: returned by a get_bit callback to end a transmission.</summary>
    public const int SigStatusEndOfData = -7;

    /// <summary><c>SIG_STATUS_SHUTDOWN_COMPLETE</c>.</summary>
    public const int SigStatusShutdownComplete = -10;

    /// <summary><c>FSK_FRAME_MODE_SYNC</c>: deliver every bit (HDLC above it), with bit-timing recovery.</summary>
    public const int FskFrameModeSync = 1;

    // ---- V.17 ----

    [LibraryImport(Library)]
    internal static partial V17RxHandle v17_rx_init(nint s, int bitRate, delegate* unmanaged[Cdecl]<nint, int, void> putBit, nint userData);

    [LibraryImport(Library)]
    internal static partial int v17_rx_restart(V17RxHandle s, int bitRate, int shortTrain);

    [LibraryImport(Library)]
    internal static partial int v17_rx_free(nint s);

    [LibraryImport(Library)]
    internal static partial int v17_rx(V17RxHandle s, short* amp, int len);

    [LibraryImport(Library)]
    internal static partial float v17_rx_signal_power(V17RxHandle s);

    [LibraryImport(Library)]
    internal static partial void v17_rx_signal_cutoff(V17RxHandle s, float cutoff);

    [LibraryImport(Library)]
    internal static partial float v17_rx_carrier_frequency(V17RxHandle s);

    [LibraryImport(Library)]
    internal static partial void v17_rx_set_qam_report_handler(
        V17RxHandle s, delegate* unmanaged[Cdecl]<nint, ComplexF*, ComplexF*, int, void> handler, nint userData);

    [LibraryImport(Library)]
    internal static partial V17TxHandle v17_tx_init(nint s, int bitRate, int tep, delegate* unmanaged[Cdecl]<nint, int> getBit, nint userData);

    [LibraryImport(Library)]
    internal static partial int v17_tx_restart(V17TxHandle s, int bitRate, int tep, int shortTrain);

    [LibraryImport(Library)]
    internal static partial void v17_tx_power(V17TxHandle s, float power);

    [LibraryImport(Library)]
    internal static partial int v17_tx_free(nint s);

    [LibraryImport(Library)]
    internal static partial int v17_tx(V17TxHandle s, short* amp, int len);

    // ---- V.29 ----

    [LibraryImport(Library)]
    internal static partial V29RxHandle v29_rx_init(nint s, int bitRate, delegate* unmanaged[Cdecl]<nint, int, void> putBit, nint userData);

    [LibraryImport(Library)]
    internal static partial int v29_rx_free(nint s);

    [LibraryImport(Library)]
    internal static partial int v29_rx(V29RxHandle s, short* amp, int len);

    [LibraryImport(Library)]
    internal static partial float v29_rx_signal_power(V29RxHandle s);

    /// <summary>Carrier-detect threshold in dBm0 (on at cutoff + 2.5 dB, off at cutoff − 2.5 dB); 0.0.6 starts at −28.5, its fax engine sets −45.5.</summary>
    [LibraryImport(Library)]
    internal static partial void v29_rx_signal_cutoff(V29RxHandle s, float cutoff);

    /// <summary>Re-arms the receiver; <paramref name="oldTrain"/> non-zero starts from the last training's equaliser.</summary>
    [LibraryImport(Library)]
    internal static partial int v29_rx_restart(V29RxHandle s, int bitRate, int oldTrain);

    [LibraryImport(Library)]
    internal static partial float v29_rx_carrier_frequency(V29RxHandle s);

    [LibraryImport(Library)]
    internal static partial void v29_rx_set_qam_report_handler(
        V29RxHandle s, delegate* unmanaged[Cdecl]<nint, ComplexF*, ComplexF*, int, void> handler, nint userData);

    [LibraryImport(Library)]
    internal static partial V29TxHandle v29_tx_init(nint s, int bitRate, int tep, delegate* unmanaged[Cdecl]<nint, int> getBit, nint userData);

    [LibraryImport(Library)]
    internal static partial void v29_tx_power(V29TxHandle s, float power);

    [LibraryImport(Library)]
    internal static partial int v29_tx_free(nint s);

    [LibraryImport(Library)]
    internal static partial int v29_tx(V29TxHandle s, short* amp, int len);

    // ---- V.27ter ----

    [LibraryImport(Library)]
    internal static partial V27terRxHandle v27ter_rx_init(nint s, int bitRate, delegate* unmanaged[Cdecl]<nint, int, void> putBit, nint userData);

    [LibraryImport(Library)]
    internal static partial int v27ter_rx_free(nint s);

    [LibraryImport(Library)]
    internal static partial int v27ter_rx(V27terRxHandle s, short* amp, int len);

    [LibraryImport(Library)]
    internal static partial float v27ter_rx_signal_power(V27terRxHandle s);

    [LibraryImport(Library)]
    internal static partial void v27ter_rx_signal_cutoff(V27terRxHandle s, float cutoff);

    [LibraryImport(Library)]
    internal static partial int v27ter_rx_restart(V27terRxHandle s, int bitRate, int oldTrain);

    [LibraryImport(Library)]
    internal static partial float v27ter_rx_carrier_frequency(V27terRxHandle s);

    [LibraryImport(Library)]
    internal static partial void v27ter_rx_set_qam_report_handler(
        V27terRxHandle s, delegate* unmanaged[Cdecl]<nint, ComplexF*, ComplexF*, int, void> handler, nint userData);

    [LibraryImport(Library)]
    internal static partial V27terTxHandle v27ter_tx_init(nint s, int bitRate, int tep, delegate* unmanaged[Cdecl]<nint, int> getBit, nint userData);

    [LibraryImport(Library)]
    internal static partial void v27ter_tx_power(V27terTxHandle s, float power);

    [LibraryImport(Library)]
    internal static partial int v27ter_tx_free(nint s);

    [LibraryImport(Library)]
    internal static partial int v27ter_tx(V27terTxHandle s, short* amp, int len);

    // ---- FSK (V.21 channel 2) ----

    [LibraryImport(Library)]
    internal static partial FskRxHandle fsk_rx_init(nint s, nint spec, int framingMode, delegate* unmanaged[Cdecl]<nint, int, void> putBit, nint userData);

    [LibraryImport(Library)]
    internal static partial int fsk_rx_free(nint s);

    [LibraryImport(Library)]
    internal static partial int fsk_rx(FskRxHandle s, short* amp, int len);

    [LibraryImport(Library)]
    internal static partial float fsk_rx_signal_power(FskRxHandle s);

    [LibraryImport(Library)]
    internal static partial void fsk_rx_signal_cutoff(FskRxHandle s, float cutoff);

    [LibraryImport(Library)]
    internal static partial int fsk_rx_restart(FskRxHandle s, nint spec, int framingMode);

    [LibraryImport(Library)]
    internal static partial void fsk_tx_power(FskTxHandle s, float power);
}
