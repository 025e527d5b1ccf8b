using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a modem state (v17_tx_state_t); released with <c>v17_tx_free</c>.</summary>
internal sealed class V17TxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public V17TxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.v17_tx_free(handle);
        return true;
    }
}
