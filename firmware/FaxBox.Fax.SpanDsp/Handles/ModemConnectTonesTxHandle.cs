using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a connect-tone generator (modem_connect_tones_tx_state_t); released with <c>modem_connect_tones_tx_free</c>.</summary>
internal sealed class ModemConnectTonesTxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public ModemConnectTonesTxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.modem_connect_tones_tx_free(handle);
        return true;
    }
}
