using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a connect-tone detector (modem_connect_tones_rx_state_t); released with <c>modem_connect_tones_rx_free</c>.</summary>
internal sealed class ModemConnectTonesRxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public ModemConnectTonesRxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.modem_connect_tones_rx_free(handle);
        return true;
    }
}
