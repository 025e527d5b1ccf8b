namespace FaxBox.Media.Udptl;

/// <summary>What was wrong with a UDPTL datagram and at which octet, for logs and exceptions.</summary>
/// <param name="Reason">The kind of error.</param>
/// <param name="Offset">The octet offset in the datagram where decoding stopped.</param>
public readonly record struct UdptlDecodeError(UdptlErrorReason Reason, int Offset)
{
    /// <summary>A sentence naming the error and its offset.</summary>
    public override string ToString() => Reason switch
    {
        UdptlErrorReason.None => "no error",
        UdptlErrorReason.Truncated => $"UDPTL datagram truncated at octet {Offset}",
        UdptlErrorReason.FragmentedLength => $"UDPTL length determinant at octet {Offset} is fragmented (16384 octets or more)",
        UdptlErrorReason.TrailingOctets => $"UDPTL datagram has trailing octets after the packet end at octet {Offset}",
        UdptlErrorReason.EmptyPrimary => $"UDPTL primary IFP at octet {Offset} is empty",
        UdptlErrorReason.BadFecSpan => $"UDPTL fec-npackets at octet {Offset} is not a small non-negative integer",
        UdptlErrorReason.TooManyRecoveryEntries => $"UDPTL error-recovery at octet {Offset} has more than {UdptlCodec.MaxRecoveryEntries} entries",
        _ => $"UDPTL error {Reason} at octet {Offset}",
    };
}
