using System.Runtime.InteropServices;
using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp;

/// <summary>
/// Start-up check of the native library: <c>libspandsp.so.2</c> must load and export every function this binding
/// calls, with the 0.0.6 ABI. spandsp 0.0.6 has no version function; 3.x keeps the SONAME but renames or drops
/// several of these entry points (and changes the logging callback), so a missing export is how a wrong ABI shows.
/// </summary>
public static class SpanDspLibrary
{
    /// <summary>What to install, per distribution, when the library is missing.</summary>
    public const string InstallHint =
        "install Debian's libspandsp2 0.0.6 ('apt-get install libspandsp2' on Debian 12 / Raspberry Pi OS bookworm, 'libspandsp2t64' on Debian 13)";

    // Every entry point the binding uses, plus 0.0.6-only ones that distinguish its ABI (t38_gateway_get_transfer_statistics
    // with the 3-int t38_stats_t, span_log_set_message_handler without user data, t30_set_rx_encoding).
    private static readonly string[] RequiredExports =
    [
        "fax_init", "fax_rx", "fax_tx", "fax_free", "fax_set_transmit_on_idle", "fax_get_t30_state", "fax_get_logging_state",
        "t30_set_tx_file", "t30_set_rx_file", "t30_set_ecm_capability", "t30_set_supported_modems",
        "t30_set_supported_compressions", "t30_set_supported_resolutions", "t30_set_supported_image_sizes",
        "t30_set_rx_encoding", "t30_set_tx_ident", "t30_set_phase_b_handler", "t30_set_phase_d_handler",
        "t30_set_phase_e_handler", "t30_set_real_time_frame_handler", "t30_get_transfer_statistics", "t30_terminate",
        "t30_completion_code_to_str", "t30_get_rx_ident",
        "t38_core_rx_ifp_packet", "t38_set_t38_version", "t38_set_max_datagram_size", "t38_set_fill_bit_removal",
        "t38_terminal_init", "t38_terminal_send_timeout", "t38_terminal_free", "t38_terminal_get_t30_state",
        "t38_gateway_init", "t38_gateway_rx", "t38_gateway_tx", "t38_gateway_free", "t38_gateway_set_real_time_frame_handler",
        "t38_gateway_get_transfer_statistics", "span_set_message_handler", "span_log_set_tag", "span_log_set_level",
        "dtmf_rx_init", "dtmf_tx_init", "modem_connect_tones_rx_init", "modem_connect_tones_tx_init", "adsi_rx_init", "adsi_tx_init",
        "v17_rx_init", "v17_rx", "v17_rx_restart", "v17_tx_init", "v17_tx", "v17_tx_restart", "v29_rx_init", "v29_rx", "v29_tx_init",
        "v29_tx", "v27ter_rx_init", "v27ter_rx", "v27ter_tx_init", "v27ter_tx", "fsk_rx_init", "fsk_rx", "hdlc_rx_init", "hdlc_rx_put_bit", "hdlc_rx_get_stats", "hdlc_rx_free", "fsk_tx_init", "fsk_tx",
        "v17_rx_set_qam_report_handler", "v29_rx_set_qam_report_handler", "v27ter_rx_set_qam_report_handler",
    ];

    private static readonly Lazy<string?> Problem = new(FindProblem);

    /// <summary>True when the library is present with the expected ABI.</summary>
    public static bool IsAvailable => Problem.Value is null;

    /// <summary>Why the library cannot be used and what to install; null when it can.</summary>
    public static string? UnavailableReason => Problem.Value;

    /// <summary>Throws <see cref="FaxEngineUnavailableException"/> saying what is wrong and what to install.</summary>
    public static void EnsureAvailable()
    {
        if (Problem.Value is { } problem)
        {
            throw new FaxEngineUnavailableException(problem);
        }
    }

    /// <summary>Checks a library by path or name; null when usable, else the reason (exposed for tests).</summary>
    internal static string? Check(string library)
    {
        if (!NativeLibrary.TryLoad(library, typeof(SpanDspLibrary).Assembly, DllImportSearchPath.SafeDirectories, out var handle))
        {
            return $"the native fax engine needs {library}, which could not be loaded: {InstallHint}";
        }

        var missing = RequiredExports.Where(name => !NativeLibrary.TryGetExport(handle, name, out _)).ToList();
        return missing.Count == 0
            ? null
            : $"{library} is not the spandsp 0.0.6 ABI this build expects (missing {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : string.Empty)}): {InstallHint}";
    }

    private static string? FindProblem() => Check(SpanDspNative.Library);
}
