namespace FaxBox.Core.T38;

/// <summary>
/// Reads one IFP (ITU-T T.38 Annex A <c>IFPPacket</c>, aligned PER) without allocating: the type octet(s), then the
/// data fields one by one with <see cref="TryReadField"/>. Create with <see cref="TryCreate"/>.
/// </summary>
public ref struct T38IfpReader
{
    private readonly ReadOnlySpan<byte> _ifp;
    private readonly T38Asn1Variant _variant;
    private int _offset;
    private int _fieldsLeft;

    private T38IfpReader(ReadOnlySpan<byte> ifp, T38Asn1Variant variant, bool isData, int value, int offset, int fieldCount)
    {
        _ifp = ifp;
        _variant = variant;
        IsData = isData;
        Value = value;
        _offset = offset;
        FieldCount = fieldCount;
        _fieldsLeft = fieldCount;
    }

    /// <summary>True for a <c>data</c> IFP, false for a <c>t30-indicator</c>.</summary>
    public bool IsData { get; }

    /// <summary>The raw indicator or data-type value.</summary>
    public int Value { get; }

    /// <summary>The indicator (valid when <see cref="IsData"/> is false).</summary>
    public readonly T38Indicator Indicator => (T38Indicator)Value;

    /// <summary>The data type (valid when <see cref="IsData"/> is true).</summary>
    public readonly T38DataType DataType => (T38DataType)Value;

    /// <summary>Number of data fields (0 when <c>data-field</c> is absent).</summary>
    public int FieldCount { get; }

    /// <summary>
    /// True for packets that belong to the T.30 control phase (indicators and V.21/V.8 data) rather than page data;
    /// the UDPTL encoder gives them the control redundancy depth. Looks only at the first octet; false for an empty span.
    /// </summary>
    public static bool IsControl(ReadOnlySpan<byte> ifp)
    {
        if (ifp.IsEmpty)
        {
            return false;
        }

        byte first = ifp[0];
        if ((first & 0x40) == 0)
        {
            return true; // t30-indicator
        }

        return (first & 0x20) == 0 ? ((first >> 1) & 0xF) == (int)T38DataType.V21 : true; // V.21 or an extension type (V.8, V.34 control)
    }

    /// <summary>
    /// The length of the IFP that starts <paramref name="ifp"/> as its own encoding delimits it, ignoring trailing octets
    /// (FEC parity pads to the longest covered IFP); −1 when it does not parse.
    /// </summary>
    public static int MeasureLength(ReadOnlySpan<byte> ifp, T38Asn1Variant variant)
    {
        if (!TryCreate(ifp, variant, out T38IfpReader reader, out _))
        {
            return -1;
        }

        while (reader._fieldsLeft > 0)
        {
            if (!reader.TryReadField(out _, out _, out _))
            {
                return -1;
            }
        }

        return reader._offset;
    }

    /// <summary>Parses the IFP's type and data-field count; <paramref name="error"/> says what and where on failure.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> ifp, T38Asn1Variant variant, out T38IfpReader reader, out string? error)
    {
        reader = default;
        if (ifp.IsEmpty)
        {
            error = "IFP is empty";
            return false;
        }

        byte first = ifp[0];
        bool fieldsPresent = (first & 0x80) != 0;
        bool isData = (first & 0x40) != 0;
        int offset = 1;
        int value;
        if ((first & 0x20) == 0)
        {
            value = (first >> 1) & 0xF;
            if (isData && value > (int)T38DataType.V17_14400)
            {
                error = $"IFP data type {value} at octet 0 is outside the root range 0..8";
                return false;
            }
        }
        else
        {
            // Extension: normally small non-negative whole number (X.691 §10.6): bit 4 is 0, then 6 bits across two octets.
            if ((first & 0x10) != 0 || ifp.Length < 2)
            {
                error = "IFP type extension at octet 0 is malformed or truncated";
                return false;
            }

            value = (((first & 0x0F) << 2) | (ifp[1] >> 6)) + (isData ? (int)T38DataType.V8 : (int)T38Indicator.V8Ansam);
            offset = 2;
        }

        int count = 0;
        if (fieldsPresent)
        {
            if (!PerLength.TryRead(ifp, ref offset, out count, out _))
            {
                error = $"IFP data-field count at octet {offset} is truncated or fragmented";
                return false;
            }
        }

        reader = new T38IfpReader(ifp, variant, isData, value, offset, count);
        error = null;
        return true;
    }

    /// <summary>Reads the next data field; false at the end, or with <paramref name="error"/> set when malformed.</summary>
    public bool TryReadField(out T38FieldType type, out ReadOnlySpan<byte> data, out string? error)
    {
        type = default;
        data = default;
        error = null;
        if (_fieldsLeft == 0)
        {
            if (_offset != _ifp.Length)
            {
                error = $"IFP has {_ifp.Length - _offset} trailing octets at octet {_offset}";
            }

            return false;
        }

        if (_offset >= _ifp.Length)
        {
            error = $"IFP data field truncated at octet {_offset}";
            return false;
        }

        int at = _offset;
        byte header = _ifp[_offset++];
        bool present = (header & 0x80) != 0;
        if (_variant == T38Asn1Variant.PreCorrigendum)
        {
            type = (T38FieldType)((header >> 4) & 0x7);
        }
        else if ((header & 0x40) == 0)
        {
            type = (T38FieldType)((header >> 3) & 0x7);
        }
        else
        {
            if ((header & 0x20) != 0 || _offset >= _ifp.Length)
            {
                error = $"IFP field-type extension at octet {at} is malformed or truncated";
                return false;
            }

            type = (T38FieldType)((((header & 0x1F) << 1) | (_ifp[_offset++] >> 7)) + (int)T38FieldType.CmMessage);
        }

        if (present)
        {
            // field-data OCTET STRING (SIZE (1..65535)): constrained length, two aligned octets holding length − 1.
            if (_offset + 2 > _ifp.Length)
            {
                error = $"IFP field-data length at octet {_offset} is truncated";
                return false;
            }

            int length = ((_ifp[_offset] << 8) | _ifp[_offset + 1]) + 1;
            _offset += 2;
            if (_offset + length > _ifp.Length)
            {
                error = $"IFP field-data of {length} octets at octet {_offset} runs past the end ({_ifp.Length})";
                return false;
            }

            data = _ifp.Slice(_offset, length);
            _offset += length;
        }

        _fieldsLeft--;
        return true;
    }
}
