namespace FaxBox.Core.T38;

/// <summary>Writes IFPs (ITU-T T.38 Annex A <c>IFPPacket</c>, aligned PER): the inverse of <see cref="T38IfpReader"/>.</summary>
public static class T38IfpWriter
{
    /// <summary>Writes a <c>t30-indicator</c> IFP; returns its length (1, or 2 for extension indicators).</summary>
    public static int WriteIndicator(Span<byte> destination, T38Indicator indicator)
    {
        int value = (int)indicator;
        if (value < (int)T38Indicator.V8Ansam)
        {
            destination[0] = (byte)(value << 1);
            return 1;
        }

        int extension = value - (int)T38Indicator.V8Ansam;
        destination[0] = (byte)(0x20 | (extension >> 2));
        destination[1] = (byte)((extension << 6) & 0xFF);
        return 2;
    }

    /// <summary>Writes a <c>data</c> IFP with <paramref name="fields"/>; returns its length. Throws when it does not fit.</summary>
    public static int WriteData(Span<byte> destination, T38DataType dataType, ReadOnlySpan<T38Field> fields, T38Asn1Variant variant = T38Asn1Variant.PreCorrigendum)
    {
        int value = (int)dataType;
        byte present = fields.IsEmpty ? (byte)0 : (byte)0x80;
        int offset;
        if (value < (int)T38DataType.V8)
        {
            destination[0] = (byte)(present | 0x40 | (value << 1));
            offset = 1;
        }
        else
        {
            int extension = value - (int)T38DataType.V8;
            destination[0] = (byte)(present | 0x60 | (extension >> 2));
            destination[1] = (byte)((extension << 6) & 0xFF);
            offset = 2;
        }

        if (fields.IsEmpty)
        {
            return offset;
        }

        PerLength.Write(destination, ref offset, fields.Length);
        foreach (T38Field field in fields)
        {
            byte fieldPresent = field.Data.IsEmpty ? (byte)0 : (byte)0x80;
            int type = (int)field.Type;
            if (variant == T38Asn1Variant.PreCorrigendum)
            {
                if (type > (int)T38FieldType.T4NonEcmSigEnd)
                {
                    throw new ArgumentException($"field type {field.Type} does not exist in the pre-corrigendum ASN.1", nameof(fields));
                }

                destination[offset++] = (byte)(fieldPresent | (type << 4));
            }
            else if (type <= (int)T38FieldType.T4NonEcmSigEnd)
            {
                destination[offset++] = (byte)(fieldPresent | (type << 3));
            }
            else
            {
                int extension = type - (int)T38FieldType.CmMessage;
                destination[offset++] = (byte)(fieldPresent | 0x40 | (extension >> 1));
                destination[offset++] = (byte)((extension << 7) & 0xFF);
            }

            if (!field.Data.IsEmpty)
            {
                int length = field.Data.Length - 1;
                destination[offset++] = (byte)(length >> 8);
                destination[offset++] = (byte)length;
                field.Data.Span.CopyTo(destination[offset..]);
                offset += field.Data.Length;
            }
        }

        return offset;
    }
}
