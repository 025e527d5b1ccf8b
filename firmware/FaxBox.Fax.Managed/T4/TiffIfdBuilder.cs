using System.Buffers.Binary;

namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// Builds one little-endian TIFF image file directory (TIFF 6.0 §2): entries sorted by tag, values of more than four
/// octets placed after the next-IFD pointer, word-aligned. The next-IFD pointer is written as 0.
/// </summary>
internal sealed class TiffIfdBuilder
{
    private readonly List<(ushort Tag, ushort Type, uint Count, byte[] Value)> _entries = [];

    /// <summary>TIFF field type SHORT.</summary>
    public const ushort Short = 3;

    /// <summary>TIFF field type LONG.</summary>
    public const ushort Long = 4;

    /// <summary>TIFF field type RATIONAL.</summary>
    public const ushort Rational = 5;

    /// <summary>TIFF field type ASCII.</summary>
    public const ushort Ascii = 2;

    /// <summary>Adds SHORT values.</summary>
    public TiffIfdBuilder AddShort(ushort tag, params ReadOnlySpan<ushort> values)
    {
        byte[] v = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(v.AsSpan(i * 2), values[i]);
        }

        _entries.Add((tag, Short, (uint)values.Length, v));
        return this;
    }

    /// <summary>Adds one LONG value.</summary>
    public TiffIfdBuilder AddLong(ushort tag, uint value)
    {
        byte[] v = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(v, value);
        _entries.Add((tag, Long, 1, v));
        return this;
    }

    /// <summary>Adds one RATIONAL value.</summary>
    public TiffIfdBuilder AddRational(ushort tag, uint numerator, uint denominator)
    {
        byte[] v = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(v, numerator);
        BinaryPrimitives.WriteUInt32LittleEndian(v.AsSpan(4), denominator);
        _entries.Add((tag, Rational, 1, v));
        return this;
    }

    /// <summary>Adds an ASCII value (NUL-terminated as TIFF requires).</summary>
    public TiffIfdBuilder AddAscii(ushort tag, string value)
    {
        byte[] v = new byte[value.Length + 1];
        System.Text.Encoding.ASCII.GetBytes(value, v);
        _entries.Add((tag, Ascii, (uint)v.Length, v));
        return this;
    }

    /// <summary>The position of the next-IFD pointer within an IFD built by <see cref="Build"/>.</summary>
    public static int NextIfdPointerOffset(ReadOnlySpan<byte> ifd) => 2 + (12 * BinaryPrimitives.ReadUInt16LittleEndian(ifd));

    /// <summary>The IFD's octets for a directory that will be written at file offset <paramref name="at"/> (even).</summary>
    public byte[] Build(long at)
    {
        _entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        int fixedSize = 2 + (12 * _entries.Count) + 4;
        int extra = 0;
        foreach (var e in _entries)
        {
            if (e.Value.Length > 4)
            {
                extra += (e.Value.Length + 1) & ~1;
            }
        }

        byte[] ifd = new byte[fixedSize + extra];
        BinaryPrimitives.WriteUInt16LittleEndian(ifd, (ushort)_entries.Count);
        int valueAt = fixedSize;
        for (int i = 0; i < _entries.Count; i++)
        {
            var (tag, type, count, value) = _entries[i];
            Span<byte> entry = ifd.AsSpan(2 + (12 * i), 12);
            BinaryPrimitives.WriteUInt16LittleEndian(entry, tag);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], count);
            if (value.Length <= 4)
            {
                value.CopyTo(entry[8..]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], checked((uint)(at + valueAt)));
                value.CopyTo(ifd.AsSpan(valueAt));
                valueAt += (value.Length + 1) & ~1;
            }
        }

        return ifd;
    }
}
