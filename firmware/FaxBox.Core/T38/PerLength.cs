using System.Buffers.Binary;

namespace FaxBox.Core.T38;

/// <summary>
/// The ASN.1 aligned PER length determinant (ITU-T X.691 §11.9.3.6–8) as T.38 uses it for open types and
/// SEQUENCE OF counts: one octet below 128, two octets (<c>10xxxxxx xxxxxxxx</c>) below 16384. Fragmented lengths
/// (16384 and more, <c>11xxxxxx</c>) never occur in UDPTL, whose datagrams are far smaller, and are rejected.
/// </summary>
public static class PerLength
{
    /// <summary>The largest length this implementation writes or reads (X.691 §11.9.3.7: two-octet form).</summary>
    public const int Max = 16383;

    /// <summary>Octets the determinant for <paramref name="length"/> takes: 1 or 2.</summary>
    public static int Size(int length) => length < 128 ? 1 : 2;

    /// <summary>Writes the determinant at <paramref name="offset"/> and advances it. The caller checks room.</summary>
    public static void Write(Span<byte> destination, ref int offset, int length)
    {
        if (length < 128)
        {
            destination[offset++] = (byte)length;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], (ushort)(0x8000 | length));
            offset += 2;
        }
    }

    /// <summary>Reads a determinant at <paramref name="offset"/>; false when truncated or fragmented.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, ref int offset, out int length, out PerLengthError error)
    {
        length = 0;
        if (offset >= source.Length)
        {
            error = PerLengthError.Truncated;
            return false;
        }

        byte first = source[offset];
        if ((first & 0x80) == 0)
        {
            length = first;
            offset++;
            error = PerLengthError.None;
            return true;
        }

        if ((first & 0xC0) == 0xC0)
        {
            error = PerLengthError.Fragmented;
            return false;
        }

        if (offset + 2 > source.Length)
        {
            error = PerLengthError.Truncated;
            return false;
        }

        length = BinaryPrimitives.ReadUInt16BigEndian(source[offset..]) & 0x3FFF;
        offset += 2;
        error = PerLengthError.None;
        return true;
    }

    /// <summary>Reads an open type (length determinant + that many octets, X.691 §10.2) at <paramref name="offset"/>; gives where its contents start and how long they are.</summary>
    public static bool TryReadOpenType(ReadOnlySpan<byte> source, ref int offset, out int start, out int length, out PerLengthError error)
    {
        start = 0;
        if (!TryRead(source, ref offset, out length, out error))
        {
            return false;
        }

        if (offset + length > source.Length)
        {
            error = PerLengthError.Truncated;
            return false;
        }

        start = offset;
        offset += length;
        return true;
    }
}
