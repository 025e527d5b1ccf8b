using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a modem state (v27ter_tx_state_t); released with <c>v27ter_tx_free</c>.</summary>
internal sealed class V27terTxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public V27terTxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.v27ter_tx_free(handle);
        return true;
    }
}
