using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns an ADSI/caller-ID receiver (adsi_rx_state_t); released with <c>adsi_rx_free</c>.</summary>
internal sealed class AdsiRxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public AdsiRxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.adsi_rx_free(handle);
        return true;
    }
}
