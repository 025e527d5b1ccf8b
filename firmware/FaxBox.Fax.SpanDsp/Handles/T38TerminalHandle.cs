using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>Owns a <c>t38_terminal_state_t</c>; released with <c>t38_terminal_free</c>.</summary>
internal sealed class T38TerminalHandle : SpanDspHandle
{
    public T38TerminalHandle(nint state)
    {
        SetHandle(state);
    }

    protected override bool ReleaseHandle()
    {
        SpanDspNative.t38_terminal_free(handle);
        return true;
    }
}
