using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a DTMF generator (dtmf_tx_state_t); released with <c>dtmf_tx_free</c>.</summary>
internal sealed class DtmfTxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public DtmfTxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.dtmf_tx_free(handle);
        return true;
    }
}
