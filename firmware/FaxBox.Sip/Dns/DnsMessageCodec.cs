using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace FaxBox.Sip.Dns;

/// <summary>
/// Encodes and decodes DNS messages (RFC 1035 §4.1). Decoding is bounded and total: every malformed input, truncated
/// field or compression loop (§4.1.4 pointers may only point backwards) gives a <see cref="DnsFormatException"/> with
/// the byte offset. Unknown record types are skipped. Names are written without compression.
/// </summary>
internal static class DnsMessageCodec
{
    private const int HeaderSize = 12;
    private const ushort ClassIn = 1;
    private const int MaxNameLength = 255;

    /// <summary>A standard recursive query (RD set) for one name and type.</summary>
    public static byte[] EncodeQuery(ushort id, string name, DnsRecordType type) =>
        Encode(new DnsMessage(id, false, false, DnsResponseCode.NoError, name, type, [], []), recursionDesired: true);

    public static byte[] Encode(DnsMessage message, bool recursionDesired = false)
    {
        var buffer = new List<byte>(512);
        ushort flags = (ushort)((message.IsResponse ? 0x8000 : 0) | (message.Truncated ? 0x0200 : 0) | (recursionDesired ? 0x0100 : 0) |
                                (message.IsResponse ? 0x0080 : 0) | (byte)message.ResponseCode);
        WriteUInt16(buffer, message.Id);
        WriteUInt16(buffer, flags);
        WriteUInt16(buffer, 1);
        WriteUInt16(buffer, (ushort)message.Answers.Count);
        WriteUInt16(buffer, 0);
        WriteUInt16(buffer, (ushort)message.Additional.Count);
        WriteName(buffer, message.QuestionName);
        WriteUInt16(buffer, (ushort)message.QuestionType);
        WriteUInt16(buffer, ClassIn);
        foreach (var record in message.Answers.Concat(message.Additional))
        {
            WriteRecord(buffer, record);
        }

        return [.. buffer];
    }

    public static DnsMessage Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize)
        {
            throw new DnsFormatException($"DNS message of {data.Length} bytes is shorter than its 12-byte header");
        }

        ushort id = BinaryPrimitives.ReadUInt16BigEndian(data);
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        int questions = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        int answers = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
        int authority = BinaryPrimitives.ReadUInt16BigEndian(data[8..]);
        int additional = BinaryPrimitives.ReadUInt16BigEndian(data[10..]);
        if (questions != 1)
        {
            throw new DnsFormatException($"DNS message has {questions} questions; exactly 1 is expected");
        }

        int offset = HeaderSize;
        string questionName = ReadName(data, ref offset);
        var questionType = (DnsRecordType)ReadUInt16(data, ref offset);
        ReadUInt16(data, ref offset); // class

        var answerList = new List<DnsRecord>(Math.Min(answers, 64));
        var additionalList = new List<DnsRecord>(Math.Min(additional, 64));
        for (int i = 0; i < answers + authority + additional; i++)
        {
            var record = ReadRecord(data, ref offset);
            if (record is null || i >= answers && i < answers + authority)
            {
                continue;
            }

            (i < answers ? answerList : additionalList).Add(record);
        }

        return new DnsMessage(
            id,
            (flags & 0x8000) != 0,
            (flags & 0x0200) != 0,
            (DnsResponseCode)(flags & 0x000F),
            questionName,
            questionType,
            answerList,
            additionalList);
    }

    private static DnsRecord? ReadRecord(ReadOnlySpan<byte> data, ref int offset)
    {
        string name = ReadName(data, ref offset);
        var type = (DnsRecordType)ReadUInt16(data, ref offset);
        ReadUInt16(data, ref offset); // class
        uint ttl = ReadUInt32(data, ref offset);
        int length = ReadUInt16(data, ref offset);
        int start = offset;
        if (start + length > data.Length)
        {
            throw new DnsFormatException($"DNS record '{name}' at offset {start} claims {length} bytes of data past the message end ({data.Length})");
        }

        int end = start + length;
        DnsRecord? record = type switch
        {
            DnsRecordType.A when length == 4 => new DnsAddressRecord(name, ttl, new IPAddress(data.Slice(start, 4))),
            DnsRecordType.Aaaa when length == 16 => new DnsAddressRecord(name, ttl, new IPAddress(data.Slice(start, 16))),
            DnsRecordType.A or DnsRecordType.Aaaa => throw new DnsFormatException($"DNS {type} record '{name}' at offset {start} has {length} data bytes"),
            DnsRecordType.Srv => ReadSrv(data, name, ttl, ref offset),
            DnsRecordType.Naptr => ReadNaptr(data, name, ttl, ref offset),
            DnsRecordType.Cname => new DnsCnameRecord(name, ttl, ReadName(data, ref offset)),
            _ => null,
        };

        if (offset > end)
        {
            throw new DnsFormatException($"DNS {type} record '{name}' at offset {start} runs past its {length} data bytes");
        }

        offset = end;
        return record;
    }

    private static DnsSrvRecord ReadSrv(ReadOnlySpan<byte> data, string name, uint ttl, ref int offset)
    {
        ushort priority = ReadUInt16(data, ref offset);
        ushort weight = ReadUInt16(data, ref offset);
        ushort port = ReadUInt16(data, ref offset);
        return new DnsSrvRecord(name, ttl, priority, weight, port, ReadName(data, ref offset));
    }

    private static DnsNaptrRecord ReadNaptr(ReadOnlySpan<byte> data, string name, uint ttl, ref int offset)
    {
        ushort order = ReadUInt16(data, ref offset);
        ushort preference = ReadUInt16(data, ref offset);
        string flags = ReadCharacterString(data, ref offset);
        string services = ReadCharacterString(data, ref offset);
        string regexp = ReadCharacterString(data, ref offset);
        return new DnsNaptrRecord(name, ttl, order, preference, flags, services, regexp, ReadName(data, ref offset));
    }

    /// <summary>Reads a possibly compressed name (RFC 1035 §4.1.4); pointers must point before themselves.</summary>
    internal static string ReadName(ReadOnlySpan<byte> data, ref int offset)
    {
        var name = new StringBuilder();
        int position = offset;
        int resumeAt = -1;
        int length = 0;
        while (true)
        {
            if (position >= data.Length)
            {
                throw new DnsFormatException($"DNS name at offset {offset} runs past the message end");
            }

            byte label = data[position];
            if (label == 0)
            {
                position++;
                break;
            }

            if ((label & 0xC0) == 0xC0)
            {
                if (position + 1 >= data.Length)
                {
                    throw new DnsFormatException($"DNS compression pointer at offset {position} is cut off");
                }

                int target = ((label & 0x3F) << 8) | data[position + 1];
                if (target >= position)
                {
                    throw new DnsFormatException($"DNS compression pointer at offset {position} points forward to {target}");
                }

                if (resumeAt < 0)
                {
                    resumeAt = position + 2;
                }

                position = target;
                continue;
            }

            if ((label & 0xC0) != 0)
            {
                throw new DnsFormatException($"DNS label type 0x{label & 0xC0:X2} at offset {position} is not supported");
            }

            if (position + 1 + label > data.Length)
            {
                throw new DnsFormatException($"DNS label at offset {position} runs past the message end");
            }

            length += label + 1;
            if (length > MaxNameLength)
            {
                throw new DnsFormatException($"DNS name at offset {offset} is longer than {MaxNameLength} bytes");
            }

            if (name.Length > 0)
            {
                name.Append('.');
            }

            name.Append(Encoding.ASCII.GetString(data.Slice(position + 1, label)));
            position += 1 + label;
        }

        offset = resumeAt >= 0 ? resumeAt : position;
        return name.ToString();
    }

    private static string ReadCharacterString(ReadOnlySpan<byte> data, ref int offset)
    {
        if (offset >= data.Length || offset + 1 + data[offset] > data.Length)
        {
            throw new DnsFormatException($"DNS character-string at offset {offset} runs past the message end");
        }

        int length = data[offset];
        string text = Encoding.ASCII.GetString(data.Slice(offset + 1, length));
        offset += 1 + length;
        return text;
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, ref int offset)
    {
        if (offset + 2 > data.Length)
        {
            throw new DnsFormatException($"DNS message ends inside a 16-bit field at offset {offset}");
        }

        ushort value = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
        offset += 2;
        return value;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> data, ref int offset)
    {
        if (offset + 4 > data.Length)
        {
            throw new DnsFormatException($"DNS message ends inside a 32-bit field at offset {offset}");
        }

        uint value = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
        offset += 4;
        return value;
    }

    private static void WriteRecord(List<byte> buffer, DnsRecord record)
    {
        WriteName(buffer, record.Name);
        WriteUInt16(buffer, (ushort)record.Type);
        WriteUInt16(buffer, ClassIn);
        WriteUInt16(buffer, (ushort)(record.Ttl >> 16));
        WriteUInt16(buffer, (ushort)record.Ttl);
        int lengthAt = buffer.Count;
        WriteUInt16(buffer, 0);
        switch (record)
        {
            case DnsAddressRecord a:
                buffer.AddRange(a.Address.GetAddressBytes());
                break;
            case DnsSrvRecord srv:
                WriteUInt16(buffer, srv.Priority);
                WriteUInt16(buffer, srv.Weight);
                WriteUInt16(buffer, srv.Port);
                WriteName(buffer, srv.Target);
                break;
            case DnsNaptrRecord naptr:
                WriteUInt16(buffer, naptr.Order);
                WriteUInt16(buffer, naptr.Preference);
                WriteCharacterString(buffer, naptr.Flags);
                WriteCharacterString(buffer, naptr.Services);
                WriteCharacterString(buffer, naptr.Regexp);
                WriteName(buffer, naptr.Replacement);
                break;
            case DnsCnameRecord cname:
                WriteName(buffer, cname.Target);
                break;
            default:
                throw new ArgumentException($"cannot encode DNS record type {record.Type}", nameof(record));
        }

        int length = buffer.Count - lengthAt - 2;
        buffer[lengthAt] = (byte)(length >> 8);
        buffer[lengthAt + 1] = (byte)length;
    }

    private static void WriteName(List<byte> buffer, string name)
    {
        string trimmed = name.TrimEnd('.');
        if (trimmed.Length > 0)
        {
            if (trimmed.Length > MaxNameLength - 2)
            {
                throw new ArgumentException($"DNS name '{name}' is longer than {MaxNameLength} bytes", nameof(name));
            }

            foreach (string label in trimmed.Split('.'))
            {
                if (label.Length is 0 or > 63 || !Ascii.IsValid(label))
                {
                    throw new ArgumentException($"DNS name '{name}' has an empty, non-ASCII or over-long (>63) label", nameof(name));
                }

                buffer.Add((byte)label.Length);
                buffer.AddRange(Encoding.ASCII.GetBytes(label));
            }
        }

        buffer.Add(0);
    }

    private static void WriteCharacterString(List<byte> buffer, string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        if (bytes.Length > 255)
        {
            throw new ArgumentException("DNS character-string longer than 255 bytes", nameof(text));
        }

        buffer.Add((byte)bytes.Length);
        buffer.AddRange(bytes);
    }

    private static void WriteUInt16(List<byte> buffer, ushort value)
    {
        buffer.Add((byte)(value >> 8));
        buffer.Add((byte)value);
    }
}
