namespace FaxBox.Media.Udptl;

/// <summary>Why a UDPTL datagram (ITU-T T.38 §9.1, Annex A <c>UDPTLPacket</c>) could not be decoded.</summary>
public enum UdptlErrorReason
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The datagram ends inside a field.</summary>
    Truncated,

    /// <summary>A length determinant uses the fragmented form (16384 octets or more, X.691 §11.9.3.8), which UDPTL never needs.</summary>
    FragmentedLength,

    /// <summary>Octets follow the end of the <c>UDPTLPacket</c>.</summary>
    TrailingOctets,

    /// <summary>The primary IFP is empty; an <c>IFPPacket</c> has at least its type octet.</summary>
    EmptyPrimary,

    /// <summary><c>fec-npackets</c> is not a small non-negative unconstrained integer (X.691 §10.8).</summary>
    BadFecSpan,

    /// <summary>More secondary IFPs or FEC entries than the decoder keeps (<see cref="UdptlCodec.MaxRecoveryEntries"/>).</summary>
    TooManyRecoveryEntries,
}
