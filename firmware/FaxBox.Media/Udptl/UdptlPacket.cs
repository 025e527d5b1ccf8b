namespace FaxBox.Media.Udptl;

/// <summary>
/// A decoded UDPTL datagram (ITU-T T.38 §9.1, Annex A <c>UDPTLPacket</c>): a view over the datagram, so decoding
/// allocates nothing. <see cref="Recovery"/> walks the secondary IFPs (newest first: <c>seq−1</c>, <c>seq−2</c>, …)
/// or the FEC entries.
/// </summary>
public readonly ref struct UdptlPacket
{
    private readonly ReadOnlySpan<byte> _recoveryBody;

    internal UdptlPacket(ushort sequence, ReadOnlySpan<byte> primary, UdptlErrorRecovery mode, int recoveryCount, int fecSpan, ReadOnlySpan<byte> recoveryBody)
    {
        Sequence = sequence;
        Primary = primary;
        Mode = mode;
        RecoveryCount = recoveryCount;
        FecSpan = fecSpan;
        _recoveryBody = recoveryBody;
    }

    /// <summary><c>seq-number</c> (0..65535, wraps).</summary>
    public ushort Sequence { get; }

    /// <summary><c>primary-ifp-packet</c>: the IFP this datagram carries first.</summary>
    public ReadOnlySpan<byte> Primary { get; }

    /// <summary>Which <c>error-recovery</c> alternative the packet uses.</summary>
    public UdptlErrorRecovery Mode { get; }

    /// <summary>Secondary IFPs (redundancy) or FEC entries (<c>fec-data</c>) in the packet.</summary>
    public int RecoveryCount { get; }

    /// <summary><c>fec-npackets</c>: how many IFPs each FEC entry covers (0 in redundancy mode).</summary>
    public int FecSpan { get; }

    /// <summary>The secondary IFPs or FEC entries in packet order.</summary>
    public UdptlRecoveryEnumerator Recovery => new(_recoveryBody, RecoveryCount);
}
