namespace FaxBox.Sip.Sdp;

/// <summary>An SDP answer and what it sets up; <see cref="Session"/>.Kind None means answer 488 instead (<see cref="Reason"/> says why).</summary>
public sealed record SdpAnswer(SdpSessionDescription Description, SdpMediaSession Session, string? Reason = null)
{
    public bool IsAcceptable => Session.Kind != SdpMediaKind.None;
}
