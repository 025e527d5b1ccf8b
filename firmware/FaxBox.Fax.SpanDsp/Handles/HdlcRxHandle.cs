using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns an HDLC receiver (hdlc_rx_state_t); released with <c>hdlc_rx_free</c>.</summary>
internal sealed class HdlcRxHandle : SpanDspHandle
{
    /// <summary>Used by the interop marshaller when an init call returns.</summary>
    public HdlcRxHandle()
    {
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.hdlc_rx_free(handle);
        return true;
    }
}
