using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns an FSK transmitter (fsk_tx_state_t); released with <c>fsk_tx_free</c>.</summary>
internal sealed class FskTxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public FskTxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.fsk_tx_free(handle);
        return true;
    }
}
