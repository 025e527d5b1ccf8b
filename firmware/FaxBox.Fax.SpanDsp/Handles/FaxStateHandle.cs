using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a <c>fax_state_t</c> (T.30 over audio); released with <c>fax_free</c>.</summary>
internal sealed class FaxStateHandle : SpanDspHandle
{
    public FaxStateHandle(nint state)
    {
        SetHandle(state);
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.fax_free(handle);
        return true;
    }
}
