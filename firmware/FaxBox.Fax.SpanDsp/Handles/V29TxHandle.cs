using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a modem state (v29_tx_state_t); released with <c>v29_tx_free</c>.</summary>
internal sealed class V29TxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public V29TxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.v29_tx_free(handle);
        return true;
    }
}
