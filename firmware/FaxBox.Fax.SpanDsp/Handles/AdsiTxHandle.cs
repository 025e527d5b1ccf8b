using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns an ADSI/caller-ID transmitter (adsi_tx_state_t); released with <c>adsi_tx_free</c>.</summary>
internal sealed class AdsiTxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public AdsiTxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.adsi_tx_free(handle);
        return true;
    }
}
