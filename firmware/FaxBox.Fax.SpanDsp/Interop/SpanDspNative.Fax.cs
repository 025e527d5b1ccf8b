using System.Runtime.InteropServices;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>fax.h, t30.h, t30_api.h, t38_core.h, t38_terminal.h, t38_gateway.h and logging.h of spandsp 0.0.6.</summary>
internal static unsafe partial class SpanDspNative
{
    // ---- fax.h: T.30 over audio -------------------------------------------------------------------------------

    [LibraryImport(Library)]
    public static partial nint fax_init(nint s, int callingParty);

    [LibraryImport(Library)]
    public static partial int fax_rx(nint s, short* amp, int len);

    [LibraryImport(Library)]
    public static partial int fax_tx(nint s, short* amp, int maxLen);

    [LibraryImport(Library)]
    public static partial void fax_set_transmit_on_idle(nint s, int transmitOnIdle);

    [LibraryImport(Library)]
    public static partial void fax_set_tep_mode(nint s, int useTep);

    [LibraryImport(Library)]
    public static partial nint fax_get_t30_state(nint s);

    [LibraryImport(Library)]
    public static partial nint fax_get_logging_state(nint s);

    [LibraryImport(Library)]
    public static partial int fax_free(nint s);

    // ---- t30.h / t30_api.h -----------------------------------------------------------------------------------

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void t30_set_tx_file(nint s, string file, int startPage, int stopPage);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void t30_set_rx_file(nint s, string file, int stopPage);

    [LibraryImport(Library)]
    public static partial int t30_set_ecm_capability(nint s, int enabled);

    [LibraryImport(Library)]
    public static partial int t30_set_supported_modems(nint s, int supportedModems);

    [LibraryImport(Library)]
    public static partial int t30_set_supported_compressions(nint s, int supportedCompressions);

    [LibraryImport(Library)]
    public static partial int t30_set_supported_resolutions(nint s, int supportedResolutions);

    [LibraryImport(Library)]
    public static partial int t30_set_supported_image_sizes(nint s, int supportedImageSizes);

    [LibraryImport(Library)]
    public static partial int t30_set_rx_encoding(nint s, int encoding);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int t30_set_tx_ident(nint s, string id);

    [LibraryImport(Library)]
    public static partial void t30_set_phase_b_handler(nint s, delegate* unmanaged[Cdecl]<nint, nint, int, int> handler, nint userData);

    [LibraryImport(Library)]
    public static partial void t30_set_phase_d_handler(nint s, delegate* unmanaged[Cdecl]<nint, nint, int, int> handler, nint userData);

    [LibraryImport(Library)]
    public static partial void t30_set_phase_e_handler(nint s, delegate* unmanaged[Cdecl]<nint, nint, int, void> handler, nint userData);

    [LibraryImport(Library)]
    public static partial void t30_set_real_time_frame_handler(nint s, delegate* unmanaged[Cdecl]<nint, nint, int, byte*, int, void> handler, nint userData);

    [LibraryImport(Library)]
    public static partial void t30_get_transfer_statistics(nint s, T30Stats* stats);

    [LibraryImport(Library)]
    public static partial void t30_terminate(nint s);

    [LibraryImport(Library)]
    public static partial nint t30_completion_code_to_str(int result);

    [LibraryImport(Library)]
    public static partial nint t30_get_rx_ident(nint s);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int t30_set_tx_sub_address(nint s, string subAddress);

    [LibraryImport(Library)]
    public static partial nint t30_get_rx_sub_address(nint s);

    [LibraryImport(Library)]
    public static partial int t30_set_supported_t30_features(nint s, int supportedT30Features);

    [LibraryImport(Library)]
    public static partial nint t30_get_logging_state(nint s);

    // ---- t38_core.h ------------------------------------------------------------------------------------------

    [LibraryImport(Library)]
    public static partial int t38_core_rx_ifp_packet(nint s, byte* buf, int len, ushort seqNo);

    [LibraryImport(Library)]
    public static partial void t38_set_t38_version(nint s, int t38Version);

    [LibraryImport(Library)]
    public static partial void t38_set_data_rate_management_method(nint s, int method);

    [LibraryImport(Library)]
    public static partial void t38_set_max_buffer_size(nint s, int maxBufferSize);

    [LibraryImport(Library)]
    public static partial void t38_set_max_datagram_size(nint s, int maxDatagramSize);

    [LibraryImport(Library)]
    public static partial void t38_set_fill_bit_removal(nint s, int fillBitRemoval);

    [LibraryImport(Library)]
    public static partial nint t38_core_get_logging_state(nint s);

    // ---- t38_terminal.h --------------------------------------------------------------------------------------

    [LibraryImport(Library)]
    public static partial nint t38_terminal_init(nint s, int callingParty, delegate* unmanaged[Cdecl]<nint, nint, byte*, int, int, int> txPacketHandler, nint txPacketUserData);

    [LibraryImport(Library)]
    public static partial int t38_terminal_send_timeout(nint s, int samples);

    [LibraryImport(Library)]
    public static partial nint t38_terminal_get_t30_state(nint s);

    [LibraryImport(Library)]
    public static partial nint t38_terminal_get_t38_core_state(nint s);

    [LibraryImport(Library)]
    public static partial nint t38_terminal_get_logging_state(nint s);

    [LibraryImport(Library)]
    public static partial int t38_terminal_free(nint s);

    // ---- t38_gateway.h ---------------------------------------------------------------------------------------

    [LibraryImport(Library)]
    public static partial nint t38_gateway_init(nint s, delegate* unmanaged[Cdecl]<nint, nint, byte*, int, int, int> txPacketHandler, nint txPacketUserData);

    [LibraryImport(Library)]
    public static partial int t38_gateway_rx(nint s, short* amp, int len);

    [LibraryImport(Library)]
    public static partial int t38_gateway_tx(nint s, short* amp, int maxLen);

    [LibraryImport(Library)]
    public static partial void t38_gateway_set_transmit_on_idle(nint s, int transmitOnIdle);

    [LibraryImport(Library)]
    public static partial void t38_gateway_set_ecm_capability(nint s, int ecmAllowed);

    [LibraryImport(Library)]
    public static partial void t38_gateway_set_supported_modems(nint s, int supportedModems);

    [LibraryImport(Library)]
    public static partial void t38_gateway_set_real_time_frame_handler(nint s, delegate* unmanaged[Cdecl]<nint, nint, int, byte*, int, void> handler, nint userData);

    [LibraryImport(Library)]
    public static partial void t38_gateway_get_transfer_statistics(nint s, T38Stats* stats);

    [LibraryImport(Library)]
    public static partial nint t38_gateway_get_t38_core_state(nint s);

    [LibraryImport(Library)]
    public static partial nint t38_gateway_get_logging_state(nint s);

    [LibraryImport(Library)]
    public static partial int t38_gateway_free(nint s);

    // ---- logging.h -------------------------------------------------------------------------------------------

    [LibraryImport(Library)]
    public static partial int span_log_set_level(nint s, int level);

    [LibraryImport(Library)]
    public static partial int span_log_set_tag(nint s, nint tag);

    [LibraryImport(Library)]
    public static partial void span_log_set_message_handler(nint s, delegate* unmanaged[Cdecl]<int, byte*, void> handler);

    [LibraryImport(Library)]
    public static partial void span_set_message_handler(delegate* unmanaged[Cdecl]<int, byte*, void> handler);

    [LibraryImport(Library)]
    public static partial void span_set_error_handler(delegate* unmanaged[Cdecl]<byte*, void> handler);
}
