namespace FaxBox.Media.Rfc4733;

/// <summary>RFC 4733 parameters of one call; the gateway fills the payload type from SDP (<c>a=rtpmap:N telephone-event/8000</c>).</summary>
public sealed class TelephoneEventOptions
{
    /// <summary>Dynamic payload type. Default 101 (the customary value).</summary>
    public byte PayloadType { get; set; } = 101;

    /// <summary>Volume sent, in −dBm0 (0–63). Default 10.</summary>
    public byte Volume { get; set; } = 10;

    /// <summary>Times the final (E-bit) packet is sent, one per tick (§2.5.1.4 says three). Default 3.</summary>
    public int EndPackets { get; set; } = 3;

    /// <summary>Receiver: an event with no packet for this many ticks is ended (its end packets were all lost). Default 10 (200 ms).</summary>
    public int ReceiveTimeoutTicks { get; set; } = 10;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (PayloadType is < 96 or > 127 || Volume > 63 || EndPackets is < 1 or > 10 || ReceiveTimeoutTicks < 1)
        {
            throw new ArgumentException("TelephoneEventOptions: PayloadType 96..127, Volume 0..63, EndPackets 1..10, ReceiveTimeoutTicks ≥ 1", nameof(PayloadType));
        }
    }
}
