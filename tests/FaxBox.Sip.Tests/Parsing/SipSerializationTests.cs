using System.Buffers;
using System.Text;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Tests.Parsing;

/// <summary>
/// The serializer copies the octets a message was parsed from while they still describe it, and writes the changed
/// parts from the model otherwise: these tests change each part (a header, the Request-URI, the body) and check the
/// output, and check that unusual layouts (bare LF, folding, odd whitespace) still come out normalized.
/// </summary>
public sealed class SipSerializationTests
{
    [Fact]
    public void Unchanged_typical_messages_serialize_to_their_octets()
    {
        foreach (var sample in SipSamples.Calls)
        {
            var message = Parse(sample);
            Assert.Equal(sample, message.ToBytes());
            Assert.Equal(sample.Length, message.GetByteCount());
        }
    }

    [Fact]
    public void A_changed_header_is_written_from_the_model_and_the_others_from_the_octets()
    {
        var message = Parse(SipSamples.Bye);
        message.MaxForwards = 69;
        message.Headers.Add("X-Trace", "abc");

        var text = Text(message);
        Assert.Contains("\r\nMax-Forwards: 69\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Max-Forwards: 70", text, StringComparison.Ordinal);
        Assert.EndsWith("Content-Length: 0\r\nX-Trace: abc\r\n\r\n", text, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), message.GetByteCount());
        Assert.Equal(69, Parse(message.ToBytes()).MaxForwards);
    }

    [Fact]
    public void A_new_request_uri_replaces_the_start_line()
    {
        var request = Assert.IsType<SipRequest>(Parse(SipSamples.Ack));
        Assert.Equal("+4930123456", request.RequestUri.User);
        request.RequestUri = SipUri.Parse("sip:gw@192.0.2.99:5070");

        var text = Text(request);
        Assert.StartsWith("ACK sip:gw@192.0.2.99:5070 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.20:5060;", text, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), request.GetByteCount());
    }

    [Fact]
    public void A_new_body_is_written_with_its_headers()
    {
        var message = Parse(SipSamples.Invite);
        message.SetBody("application/sdp", "v=0\r\n"u8.ToArray());

        var text = Text(message);
        Assert.EndsWith("Content-Length: 5\r\n\r\nv=0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/sdp\r\n", text, StringComparison.Ordinal);
        Assert.Equal("v=0\r\n", Parse(message.ToBytes()).BodyText);
    }

    [Fact]
    public void Headers_copied_into_a_built_response_keep_their_text()
    {
        var request = Parse(SipSamples.Invite);
        var response = new SipResponse(200);
        foreach (var name in new[] { SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq })
        {
            foreach (var h in request.Headers.FindAll(name))
            {
                response.Headers.Add(h);
            }
        }

        var text = Text(response);
        Assert.StartsWith("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-524287-1---a8e1d1c2b3f4;rport\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nCSeq: 1 INVITE\r\n\r\n", text, StringComparison.Ordinal);
        Assert.Equal("4fe7a1b2", Parse(response.ToBytes()).From!.Tag);
    }

    [Fact]
    public void Bare_lf_folding_and_odd_whitespace_are_written_normalized()
    {
        var input = "OPTIONS sip:a@example.com SIP/2.0\n"
            + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\n"
            + "To :  <sip:a@example.com>  \n"
            + "From: <sip:b@example.com>;tag=1\n"
            + "Call-ID: x1\n"
            + "CSeq: 1 OPTIONS\n"
            + "Subject: one\n two\n"
            + "Content-Length: 0\n\n";
        var message = Parse(Encoding.ASCII.GetBytes(input));

        var expected = "OPTIONS sip:a@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
            + "To:  <sip:a@example.com>\r\n"
            + "From: <sip:b@example.com>;tag=1\r\n"
            + "Call-ID: x1\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Subject: one two\r\n"
            + "Content-Length: 0\r\n\r\n";
        Assert.Equal(expected, Text(message));
        Assert.Equal(expected.Length, message.GetByteCount());
        Assert.Equal("one two", message.Headers.Get("subject"));
    }

    [Fact]
    public void Compact_and_oddly_cased_names_are_found_and_kept_as_written()
    {
        var input = "BYE sip:a@example.com SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK2\r\nTO: <sip:a@example.com>;tag=9\r\nf: <sip:b@example.com>;tag=1\r\ni: y\r\ncseq: 2 BYE\r\nX-Custom: 1\r\nl: 0\r\n\r\n";
        var message = Parse(Encoding.ASCII.GetBytes(input));

        Assert.Equal("9", message.To!.Tag);
        Assert.Equal("y", message.CallId);
        Assert.Equal(2u, message.CSeq!.Value.Number);
        Assert.Equal(0, message.ContentLength);
        Assert.Equal("TO", message.Headers[1].Name);
        Assert.Equal(SipHeaderNames.To, message.Headers[1].CanonicalName);
        Assert.Equal("X-Custom", message.Headers[5].CanonicalName);
        Assert.Equal("1", message.Headers.Get("x-custom"));
        Assert.True(message.Headers[0].Is("Via"));
        Assert.Equal(input, Text(message));
    }

    [Fact]
    public void Status_line_without_a_reason_phrase_is_written_with_the_separating_space()
    {
        var input = "SIP/2.0 180\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK3\r\nTo: <sip:a@example.com>\r\nFrom: <sip:b@example.com>;tag=1\r\nCall-ID: z\r\nCSeq: 1 INVITE\r\n\r\n";
        var response = Assert.IsType<SipResponse>(Parse(Encoding.ASCII.GetBytes(input)));
        Assert.Equal(string.Empty, response.ReasonPhrase);
        Assert.StartsWith("SIP/2.0 180 \r\nVia:", Text(response), StringComparison.Ordinal);
    }

    [Fact]
    public void Buffer_writer_gets_the_same_octets()
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (var sample in SipSamples.Calls)
        {
            writer.ResetWrittenCount();
            var written = Parse(sample).WriteTo(writer);
            Assert.Equal(sample.Length, written);
            Assert.Equal(sample, writer.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void Serializing_a_parsed_message_allocates_nothing()
    {
        var output = new byte[4096];
        var messages = SipSamples.Calls.Select(Parse).ToList();
        var edited = Parse(SipSamples.Ok);
        edited.Headers.Remove(SipHeaderNames.Server);
        messages.Add(edited);
        foreach (var m in messages)
        {
            m.WriteTo(output);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var m in messages)
        {
            m.WriteTo(output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Parsing_builds_no_typed_value_until_asked_and_then_keeps_it()
    {
        var message = Parse(SipSamples.Invite);
        var via = message.Headers.Find(SipHeaderNames.Via)!;
        Assert.Null(via.Parsed);
        Assert.Equal("z9hG4bK-524287-1---a8e1d1c2b3f4", message.TopVia!.Branch);
        Assert.NotNull(via.Parsed);
        Assert.Same(message.TopVia, message.TopVia);
    }

    private static SipMessage Parse(byte[] bytes)
    {
        var result = SipMessageParser.Parse(bytes);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Message;
    }

    private static string Text(SipMessage message) => Encoding.UTF8.GetString(message.ToBytes());
}
