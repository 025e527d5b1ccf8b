namespace FaxBox.Media.Rtp;

/// <summary>Receives the RTP packets of a session's peer (on the media thread, from <see cref="RtpSession.Poll"/>).</summary>
public interface IRtpPacketHandler
{
    /// <summary><paramref name="payload"/> is valid only during the call.</summary>
    void OnRtpPacket(in RtpHeader header, ReadOnlySpan<byte> payload);
}
