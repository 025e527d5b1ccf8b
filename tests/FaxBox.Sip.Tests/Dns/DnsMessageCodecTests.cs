using System.Net;
using FaxBox.Sip.Dns;

namespace FaxBox.Sip.Tests.Dns;

public sealed class DnsMessageCodecTests
{
    [Fact]
    public void Query_has_the_rfc_1035_layout()
    {
        byte[] query = DnsMessageCodec.EncodeQuery(0xBEEF, "_sip._udp.example.com", DnsRecordType.Srv);
        byte[] expected =
        [
            0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
            4, (byte)'_', (byte)'s', (byte)'i', (byte)'p', 4, (byte)'_', (byte)'u', (byte)'d', (byte)'p',
            7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0,
            0, 33, 0, 1,
        ];
        Assert.Equal(expected, query);
    }

    [Fact]
    public void Records_round_trip()
    {
        var message = new DnsMessage(7, true, false, DnsResponseCode.NoError, "example.com", DnsRecordType.Naptr,
            [
                new DnsNaptrRecord("example.com", 300, 10, 20, "s", "SIP+D2T", "", "_sip._tcp.example.com"),
                new DnsSrvRecord("_sip._tcp.example.com", 60, 1, 50, 5060, "pbx.example.com"),
            ],
            [
                new DnsAddressRecord("pbx.example.com", 60, IPAddress.Parse("192.0.2.1")),
                new DnsAddressRecord("pbx.example.com", 60, IPAddress.Parse("2001:db8::1")),
                new DnsCnameRecord("www.example.com", 60, "example.com"),
            ]);
        var decoded = DnsMessageCodec.Decode(DnsMessageCodec.Encode(message));
        Assert.Equal(message.Answers, decoded.Answers);
        Assert.Equal(message.Additional, decoded.Additional);
        Assert.True(decoded.IsResponse);
        Assert.Equal("example.com", decoded.QuestionName);
    }

    /// <summary>A response as a real server writes it: the SRV target and the glue name compressed (RFC 1035 §4.1.4).</summary>
    [Fact]
    public void Compressed_names_are_followed()
    {
        byte[] response =
        [
            0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 1,
            // question at 12: _sip._tcp.ex.org SRV IN
            4, (byte)'_', (byte)'s', (byte)'i', (byte)'p', 4, (byte)'_', (byte)'t', (byte)'c', (byte)'p', 2, (byte)'e', (byte)'x', 3, (byte)'o', (byte)'r', (byte)'g', 0, 0, 33, 0, 1,
            // answer: name = pointer to 12; SRV 1 2 5060 target "pbx" + pointer to "ex.org" at 12+10=22
            0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 60, 0, 12, 0, 1, 0, 2, 0x13, 0xC4, 3, (byte)'p', (byte)'b', (byte)'x', 0xC0, 22,
            // additional: name = pointer to "pbx.ex.org" (the target label at offset 52) A 192.0.2.7
            0xC0, 52, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 7,
        ];
        var decoded = DnsMessageCodec.Decode(response);
        var srv = Assert.IsType<DnsSrvRecord>(Assert.Single(decoded.Answers));
        Assert.Equal(new DnsSrvRecord("_sip._tcp.ex.org", 60, 1, 2, 5060, "pbx.ex.org"), srv);
        var glue = Assert.IsType<DnsAddressRecord>(Assert.Single(decoded.Additional));
        Assert.Equal("pbx.ex.org", glue.Name);
        Assert.Equal(IPAddress.Parse("192.0.2.7"), glue.Address);
    }

    [Fact]
    public void Compression_loop_and_forward_pointer_are_format_errors()
    {
        byte[] loop = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1];
        var e = Assert.Throws<DnsFormatException>(() => DnsMessageCodec.Decode(loop));
        Assert.Contains("offset 12", e.Message, StringComparison.Ordinal);
        byte[] forward = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 40, 0, 1, 0, 1];
        Assert.Throws<DnsFormatException>(() => DnsMessageCodec.Decode(forward));
    }

    [Fact]
    public void Every_truncation_of_a_valid_answer_is_a_format_error_never_a_crash()
    {
        var message = new DnsMessage(7, true, false, DnsResponseCode.NoError, "_sip._udp.a.b", DnsRecordType.Srv,
            [new DnsSrvRecord("_sip._udp.a.b", 60, 1, 2, 5060, "x.a.b")], [new DnsAddressRecord("x.a.b", 60, IPAddress.Loopback)]);
        byte[] bytes = DnsMessageCodec.Encode(message);
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<DnsFormatException>(() => DnsMessageCodec.Decode(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Random_bytes_never_escape_as_anything_but_format_errors()
    {
        var random = new Random(3263);
        byte[] buffer = new byte[64];
        for (int i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            buffer[4] = 0;
            buffer[5] = 1; // one question, so decoding gets past the header
            try
            {
                DnsMessageCodec.Decode(buffer.AsSpan(0, random.Next(12, 64)));
            }
            catch (DnsFormatException)
            {
            }
        }
    }

    [Fact]
    public void Over_long_label_cannot_be_written()
    {
        Assert.Throws<ArgumentException>(() => DnsMessageCodec.EncodeQuery(1, new string('a', 64) + ".com", DnsRecordType.A));
    }
}
