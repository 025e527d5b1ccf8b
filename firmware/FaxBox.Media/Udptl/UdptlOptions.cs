using FaxBox.Core.T38;
namespace FaxBox.Media.Udptl;

/// <summary>
/// One UDPTL session's parameters. The gateway fills them from SDP (<c>T38FaxUdpEC</c>, <c>T38FaxMaxDatagram</c>) and
/// per-peer configuration; FaxBox.Media knows nothing of SIP. Bound from <c>FaxBox:Udptl</c> for the defaults.
/// </summary>
public sealed class UdptlOptions
{
    /// <summary>Largest UDP payload FaxBox sends or buffers: 1472 octets (a 1500-octet Ethernet MTU minus IPv4 and UDP headers).</summary>
    public const int MaxUdpPayload = 1472;

    /// <summary>The most previous IFPs one packet can carry or cover (history depth); limits the depths and FEC span × entries.</summary>
    public const int MaxHistory = 15;

    /// <summary>Error recovery we send (<c>T38FaxUdpEC</c>). Default <see cref="UdptlErrorRecovery.Redundancy"/>; both are always decoded.</summary>
    public UdptlErrorRecovery ErrorRecovery { get; set; } = UdptlErrorRecovery.Redundancy;

    /// <summary>How many later packets repeat each control IFP (indicators, V.21/V.8 data: CED, DIS, DCS, CFR …). Default 4 (0–15).</summary>
    public int ControlRedundancy { get; set; } = 4;

    /// <summary>How many later packets repeat each image-data IFP (V.27ter/V.29/V.17 page data). Default 3 (0–15).</summary>
    public int ImageRedundancy { get; set; } = 3;

    /// <summary>FEC: IFPs each parity entry covers (<c>fec-npackets</c>). Default 3; span × entries ≤ 15.</summary>
    public int FecSpan { get; set; } = 3;

    /// <summary>FEC: parity entries per packet. Default 3.</summary>
    public int FecEntries { get; set; } = 3;

    /// <summary>The peer's <c>T38FaxMaxDatagram</c>. Default 400 octets (what spandsp and FreeSWITCH announce).</summary>
    public int MaxDatagram { get; set; } = 400;

    /// <summary>How <see cref="MaxDatagram"/> is read for this peer. Default <see cref="UdptlMaxDatagramInterpretation.UdptlPacket"/>.</summary>
    public UdptlMaxDatagramInterpretation MaxDatagramInterpretation { get; set; } = UdptlMaxDatagramInterpretation.UdptlPacket;

    /// <summary>
    /// How long the receiver holds IFPs behind a missing one, waiting for a reordered packet, before it declares the
    /// missing IFP lost and delivers on. Default 40 ms; zero delivers at once (a gap is lost when a later packet arrives).
    /// </summary>
    public TimeSpan ReorderTimeout { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>The ASN.1 flavour of IFP data fields (used to trim FEC-repaired IFPs). Default pre-corrigendum.</summary>
    public T38Asn1Variant Asn1Variant { get; set; } = T38Asn1Variant.PreCorrigendum;

    /// <summary>
    /// Interval of No-Op keep-alive packets (a <c>no-signal</c> indicator) sent while no IFP has been sent yet, so NAT and
    /// firewalls open a pinhole before the first fax packet. Default 1 s; <see cref="TimeSpan.Zero"/> disables them.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Spacing of the repeated copies the T.38 engine asks for (key-packet repetition, 10–20 ms). Default one tick (20 ms).</summary>
    public int RepeatSpacingTicks { get; set; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        Check(ControlRedundancy is >= 0 and <= MaxHistory, nameof(ControlRedundancy), $"must be 0..{MaxHistory}");
        Check(ImageRedundancy is >= 0 and <= MaxHistory, nameof(ImageRedundancy), $"must be 0..{MaxHistory}");
        Check(FecSpan >= 1 && FecEntries >= 1 && FecSpan * FecEntries <= MaxHistory, nameof(FecSpan), $"FecSpan and FecEntries must be ≥ 1 with FecSpan × FecEntries ≤ {MaxHistory}");
        Check(FecEntries <= 8, nameof(FecEntries), "must be ≤ 8");
        Check(MaxDatagram is >= 16 and <= MaxUdpPayload, nameof(MaxDatagram), $"must be 16..{MaxUdpPayload}");
        Check(ReorderTimeout >= TimeSpan.Zero, nameof(ReorderTimeout), "must not be negative");
        Check(KeepAliveInterval >= TimeSpan.Zero, nameof(KeepAliveInterval), "must not be negative");
        Check(RepeatSpacingTicks >= 1, nameof(RepeatSpacingTicks), "must be ≥ 1");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"UdptlOptions.{name} {rule}", name);
        }
    }
}
