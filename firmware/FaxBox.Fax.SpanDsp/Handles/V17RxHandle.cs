using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a modem state (v17_rx_state_t); released with <c>v17_rx_free</c>.</summary>
internal sealed class V17RxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public V17RxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.v17_rx_free(handle);
        return true;
    }
}
