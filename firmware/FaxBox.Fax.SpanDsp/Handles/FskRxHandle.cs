using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a modem state (fsk_rx_state_t); released with <c>fsk_rx_free</c>.</summary>
internal sealed class FskRxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public FskRxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.fsk_rx_free(handle);
        return true;
    }
}
