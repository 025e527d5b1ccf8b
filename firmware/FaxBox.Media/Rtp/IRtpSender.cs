namespace FaxBox.Media.Rtp;

/// <summary>The sending side of an RTP session as payload formats see it (implemented by <see cref="RtpSession"/>).</summary>
public interface IRtpSender
{
    /// <summary>The timestamp the next audio packet would get.</summary>
    uint NextTimestamp { get; }

    /// <summary>Sends one packet with an explicit timestamp.</summary>
    void Send(byte payloadType, ReadOnlySpan<byte> payload, uint timestamp, bool marker);

    /// <summary>Advances the audio timestamp for media time not sent as audio.</summary>
    void AdvanceTimestamp(int samples);
}
