namespace FaxBox.Sip.Transport;

/// <summary>The result of one framing step: the kind, the bytes it covers from the buffer start, and an error text.</summary>
internal readonly record struct SipFrame(SipFrameKind Kind, int Length, string? Error = null)
{
    public static SipFrame NeedMore => new(SipFrameKind.NeedMore, 0);

    public static SipFrame Fail(string error) => new(SipFrameKind.Error, 0, error);
}
