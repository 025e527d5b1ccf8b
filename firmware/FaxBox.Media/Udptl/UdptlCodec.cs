using FaxBox.Core.T38;
using System.Buffers.Binary;

namespace FaxBox.Media.Udptl;

/// <summary>
/// Encoding and decoding of one <c>UDPTLPacket</c> (ITU-T T.38 §9.1 and Annex A, ASN.1 aligned PER, X.691):
/// <code>
/// seq-number           INTEGER (0..65535)                     2 octets
/// primary-ifp-packet   open type                              length determinant + IFP
/// error-recovery       CHOICE                                 1 octet: 0x00 redundancy, 0x80 FEC
///   secondary-ifp-packets  SEQUENCE OF open type              count + (length + IFP) …   newest first
///   fec-info  SEQUENCE { fec-npackets INTEGER,                length octet + value
///                        fec-data SEQUENCE OF OCTET STRING }  count + (length + octets) …
/// </code>
/// Stateless; <see cref="UdptlEncoder"/> and <see cref="UdptlDecoder"/> keep the sequence and recovery state.
/// </summary>
public static class UdptlCodec
{
    /// <summary>The most secondary IFPs or FEC entries a packet may carry here (real stacks use 0–7).</summary>
    public const int MaxRecoveryEntries = 16;

    /// <summary>Decodes <paramref name="datagram"/>; on failure <paramref name="error"/> says what and where. Does not allocate.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> datagram, out UdptlPacket packet, out UdptlDecodeError error)
    {
        packet = default;
        int offset = 0;
        if (datagram.Length < 2)
        {
            error = new(UdptlErrorReason.Truncated, datagram.Length);
            return false;
        }

        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        offset = 2;
        int at = offset;
        if (!PerLength.TryReadOpenType(datagram, ref offset, out int primaryStart, out int primaryLength, out PerLengthError lengthError))
        {
            error = new(Reason(lengthError), at);
            return false;
        }

        ReadOnlySpan<byte> primary = datagram.Slice(primaryStart, primaryLength);
        if (primary.IsEmpty)
        {
            error = new(UdptlErrorReason.EmptyPrimary, at);
            return false;
        }

        if (offset >= datagram.Length)
        {
            error = new(UdptlErrorReason.Truncated, offset);
            return false;
        }

        UdptlErrorRecovery mode = (datagram[offset++] & 0x80) == 0 ? UdptlErrorRecovery.Redundancy : UdptlErrorRecovery.Fec;
        int fecSpan = 0;
        if (mode == UdptlErrorRecovery.Fec)
        {
            // fec-npackets: unconstrained INTEGER = length octet + two's-complement octets (X.691 §10.8).
            at = offset;
            if (offset >= datagram.Length)
            {
                error = new(UdptlErrorReason.Truncated, offset);
                return false;
            }

            int spanLength = datagram[offset++];
            if (spanLength is < 1 or > 2 || offset + spanLength > datagram.Length)
            {
                error = new(spanLength is < 1 or > 2 ? UdptlErrorReason.BadFecSpan : UdptlErrorReason.Truncated, at);
                return false;
            }

            fecSpan = spanLength == 1 ? datagram[offset] : BinaryPrimitives.ReadInt16BigEndian(datagram[offset..]);
            offset += spanLength;
            if (fecSpan is < 0 or > MaxRecoveryEntries)
            {
                error = new(UdptlErrorReason.BadFecSpan, at);
                return false;
            }
        }

        at = offset;
        if (!PerLength.TryRead(datagram, ref offset, out int count, out lengthError))
        {
            error = new(Reason(lengthError), at);
            return false;
        }

        if (count > MaxRecoveryEntries)
        {
            error = new(UdptlErrorReason.TooManyRecoveryEntries, at);
            return false;
        }

        int bodyStart = offset;
        for (int i = 0; i < count; i++)
        {
            at = offset;
            if (!PerLength.TryReadOpenType(datagram, ref offset, out _, out _, out lengthError))
            {
                error = new(Reason(lengthError), at);
                return false;
            }
        }

        if (offset != datagram.Length)
        {
            error = new(UdptlErrorReason.TrailingOctets, offset);
            return false;
        }

        packet = new UdptlPacket(sequence, primary, mode, count, fecSpan, datagram[bodyStart..offset]);
        error = default;
        return true;
    }

    /// <summary>Decodes <paramref name="datagram"/> or throws <see cref="UdptlFormatException"/> saying what and where.</summary>
    public static UdptlPacket Decode(ReadOnlySpan<byte> datagram) =>
        TryDecode(datagram, out UdptlPacket packet, out UdptlDecodeError error) ? packet : throw new UdptlFormatException(error);

    /// <summary>The UDPTL error for a length determinant that did not read.</summary>
    private static UdptlErrorReason Reason(PerLengthError error) => error switch
    {
        PerLengthError.None => UdptlErrorReason.None,
        PerLengthError.Fragmented => UdptlErrorReason.FragmentedLength,
        _ => UdptlErrorReason.Truncated,
    };

    /// <summary>Octets the header part (seq + primary) of a packet takes.</summary>
    internal static int HeaderSize(int primaryLength) => 2 + PerLength.Size(primaryLength) + primaryLength;

    /// <summary>Octets one open-type entry of <paramref name="length"/> takes.</summary>
    internal static int EntrySize(int length) => PerLength.Size(length) + length;

    /// <summary>Writes seq-number and primary-ifp-packet; returns the offset after them.</summary>
    internal static int WriteHeader(Span<byte> destination, ushort sequence, ReadOnlySpan<byte> primary)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, sequence);
        int offset = 2;
        WriteOpenType(destination, ref offset, primary);
        return offset;
    }

    /// <summary>Writes the redundancy choice octet and the secondary count.</summary>
    internal static void WriteRedundancyStart(Span<byte> destination, ref int offset, int count)
    {
        destination[offset++] = 0x00;
        PerLength.Write(destination, ref offset, count);
    }

    /// <summary>Writes the FEC choice octet, <c>fec-npackets</c> and the entry count.</summary>
    internal static void WriteFecStart(Span<byte> destination, ref int offset, int span, int entries)
    {
        destination[offset++] = 0x80;
        destination[offset++] = 1;
        destination[offset++] = (byte)span;
        PerLength.Write(destination, ref offset, entries);
    }

    /// <summary>Writes one open type (length determinant + octets).</summary>
    internal static void WriteOpenType(Span<byte> destination, ref int offset, ReadOnlySpan<byte> contents)
    {
        PerLength.Write(destination, ref offset, contents.Length);
        contents.CopyTo(destination[offset..]);
        offset += contents.Length;
    }

    /// <summary>
    /// Encodes a redundancy-mode packet from explicit parts (tests, re-encoding captures); <paramref name="secondaries"/>
    /// newest first. Returns the datagram length. Allocates nothing; throws when <paramref name="destination"/> is too small.
    /// </summary>
    public static int EncodeRedundancy(Span<byte> destination, ushort sequence, ReadOnlySpan<byte> primary, ReadOnlySpan<ReadOnlyMemory<byte>> secondaries)
    {
        ValidateLength(primary.Length);
        int size = HeaderSize(primary.Length) + 1 + PerLength.Size(secondaries.Length);
        foreach (ReadOnlyMemory<byte> s in secondaries)
        {
            ValidateLength(s.Length);
            size += EntrySize(s.Length);
        }

        if (size > destination.Length)
        {
            throw new ArgumentException($"UDPTL packet needs {size} octets, destination has {destination.Length}", nameof(destination));
        }

        int offset = WriteHeader(destination, sequence, primary);
        WriteRedundancyStart(destination, ref offset, secondaries.Length);
        foreach (ReadOnlyMemory<byte> s in secondaries)
        {
            WriteOpenType(destination, ref offset, s.Span);
        }

        return offset;
    }

    private static void ValidateLength(int length)
    {
        if (length > PerLength.Max)
        {
            throw new ArgumentException($"an IFP of {length} octets exceeds the {PerLength.Max}-octet UDPTL limit");
        }
    }
}
