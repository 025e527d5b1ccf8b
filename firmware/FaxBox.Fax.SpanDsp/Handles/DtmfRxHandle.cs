using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a DTMF receiver (dtmf_rx_state_t); released with <c>dtmf_rx_free</c>.</summary>
internal sealed class DtmfRxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public DtmfRxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.dtmf_rx_free(handle);
        return true;
    }
}
