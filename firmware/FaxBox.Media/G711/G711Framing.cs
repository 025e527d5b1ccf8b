namespace FaxBox.Media.G711;

/// <summary>
/// Packetisation of G.711 for RTP (RFC 3551 §4.5.14): one octet per sample at 8 kHz, so a packet of
/// <c>ptime</c> milliseconds carries <c>8 × ptime</c> octets. FaxBox supports 10, 20 (the default) and 30 ms packets.
/// </summary>
public static class G711Framing
{
    /// <summary>G.711 sample rate in samples per second.</summary>
    public const int SampleRate = 8000;

    /// <summary>Octets (= samples) per millisecond.</summary>
    public const int OctetsPerMillisecond = SampleRate / 1000;

    /// <summary>Packet duration FaxBox uses unless the peer asks otherwise: 20 ms (160 octets).</summary>
    public const int DefaultPtime = 20;

    /// <summary>True for the packet durations FaxBox supports: 10, 20 and 30 ms.</summary>
    public static bool IsSupportedPtime(int ptimeMilliseconds) =>
        ptimeMilliseconds is 10 or 20 or 30;

    /// <summary>Octets in one packet of <paramref name="ptimeMilliseconds"/>: 80, 160 or 240.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 10, 20 or 30 ms.</exception>
    public static int OctetsPerPacket(int ptimeMilliseconds)
    {
        if (!IsSupportedPtime(ptimeMilliseconds))
        {
            throw new ArgumentOutOfRangeException(nameof(ptimeMilliseconds), ptimeMilliseconds, "G.711 ptime must be 10, 20 or 30 ms");
        }

        return ptimeMilliseconds * OctetsPerMillisecond;
    }

    /// <summary>
    /// Splits <paramref name="payload"/> into whole packets of <paramref name="ptimeMilliseconds"/>; a trailing partial
    /// packet is not returned (see <see cref="G711PacketEnumerator.Remainder"/>). Does not allocate.
    /// </summary>
    public static G711PacketEnumerator EnumeratePackets(ReadOnlySpan<byte> payload, int ptimeMilliseconds) =>
        new(payload, OctetsPerPacket(ptimeMilliseconds));
}
