using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a <c>t38_gateway_state_t</c>; released with <c>t38_gateway_free</c>.</summary>
internal sealed class T38GatewayHandle : SpanDspHandle
{
    public T38GatewayHandle(nint state)
    {
        SetHandle(state);
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.t38_gateway_free(handle);
        return true;
    }
}
