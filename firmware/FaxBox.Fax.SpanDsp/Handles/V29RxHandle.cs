using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a modem state (v29_rx_state_t); released with <c>v29_rx_free</c>.</summary>
internal sealed class V29RxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public V29RxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.v29_rx_free(handle);
        return true;
    }
}
