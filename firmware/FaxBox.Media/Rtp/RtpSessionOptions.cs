namespace FaxBox.Media.Rtp;

/// <summary>One RTP session's parameters (RFC 3550/3551); the gateway fills them from SDP. Defaults bound from <c>FaxBox:Rtp</c>.</summary>
public sealed class RtpSessionOptions
{
    /// <summary>RTP clock rate of the media (8000 for G.711 and telephone-event, RFC 3551 §4.5.14). Default 8000.</summary>
    public int ClockRate { get; set; } = 8000;

    /// <summary>Send to where the peer's packets come from (symmetric RTP, RFC 4961; NAT latching). Default true.</summary>
    public bool SymmetricLatching { get; set; } = true;

    /// <summary>Interval between RTCP reports (RFC 3550 §6.2 recommends 5 s minimum). Default 5 s.</summary>
    public TimeSpan RtcpInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>SDES CNAME sent in every compound RTCP packet (§6.5.1). Default "faxbox@localhost"; the gateway sets user@host.</summary>
    public string Cname { get; set; } = "faxbox@localhost";

    /// <summary>Our SSRC; null picks a random one (§8.1). Default null.</summary>
    public uint? Ssrc { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (ClockRate <= 0)
        {
            throw new ArgumentException("RtpSessionOptions.ClockRate must be positive", nameof(ClockRate));
        }

        if (RtcpInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("RtpSessionOptions.RtcpInterval must be positive", nameof(RtcpInterval));
        }

        if (string.IsNullOrEmpty(Cname) || System.Text.Encoding.UTF8.GetByteCount(Cname) > 255)
        {
            throw new ArgumentException("RtpSessionOptions.Cname must be 1..255 UTF-8 octets", nameof(Cname));
        }
    }
}
