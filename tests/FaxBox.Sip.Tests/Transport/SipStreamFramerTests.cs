using System.Text;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Transport;

public sealed class SipStreamFramerTests
{
    private const int MaxHeader = 1024;
    private const int MaxMessage = 4096;

    private static SipFrame Frame(string text) => SipStreamFramer.Next(Encoding.ASCII.GetBytes(text), MaxHeader, MaxMessage);

    [Fact]
    public void Message_with_body_is_framed_by_content_length()
    {
        string message = TestMessages.Options(1, "v=0\r\n");
        var frame = Frame(message + "INVITE");
        Assert.Equal(SipFrameKind.Message, frame.Kind);
        Assert.Equal(Encoding.ASCII.GetByteCount(message), frame.Length);
    }

    [Fact]
    public void Incomplete_body_needs_more()
    {
        string message = TestMessages.Options(1, "v=0\r\n");
        Assert.Equal(SipFrameKind.NeedMore, Frame(message[..^2]).Kind);
    }

    [Fact]
    public void Every_prefix_of_a_message_needs_more_and_the_whole_is_one_message()
    {
        byte[] bytes = TestMessages.Bytes(TestMessages.Options(7, "hello"));
        for (int i = 0; i < bytes.Length; i++)
        {
            Assert.Equal(SipFrameKind.NeedMore, SipStreamFramer.Next(bytes.AsSpan(0, i), MaxHeader, MaxMessage).Kind);
        }

        Assert.Equal(new SipFrame(SipFrameKind.Message, bytes.Length), SipStreamFramer.Next(bytes, MaxHeader, MaxMessage));
    }

    [Theory]
    [InlineData("l: 5")]
    [InlineData("L:5")]
    [InlineData("content-length   :   5  ")]
    [InlineData("CONTENT-LENGTH: 005")]
    [InlineData("Content-Length:\r\n 5")]
    public void Content_length_forms_compact_case_whitespace_folding(string header)
    {
        string message = $"MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\n{header}\r\nCSeq: 1 MESSAGE\r\n\r\nhello";
        var frame = Frame(message + "\r\n\r\n");
        Assert.Equal(SipFrameKind.Message, frame.Kind);
        Assert.Equal(Encoding.ASCII.GetByteCount(message), frame.Length);
    }

    [Fact]
    public void A_header_that_merely_ends_in_l_is_not_content_length()
    {
        var frame = Frame("MESSAGE sip:a@b SIP/2.0\r\nXl: 99\r\nl: 0\r\n\r\n");
        Assert.Equal(SipFrameKind.Message, frame.Kind);
    }

    [Fact]
    public void Missing_content_length_on_a_stream_is_an_error_naming_the_rule()
    {
        var frame = Frame("BYE sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n");
        Assert.Equal(SipFrameKind.Error, frame.Kind);
        Assert.Contains("Content-Length missing", frame.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Content-Length: abc", "not a number")]
    [InlineData("Content-Length: -1", "not a number")]
    [InlineData("Content-Length:", "not a number")]
    [InlineData("Content-Length: 3\r\nl: 4", "two Content-Length values")]
    public void Bad_content_length_is_an_error(string header, string expected)
    {
        var frame = Frame($"BYE sip:a@b SIP/2.0\r\n{header}\r\n\r\n");
        Assert.Equal(SipFrameKind.Error, frame.Kind);
        Assert.Contains(expected, frame.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_equal_content_length_is_accepted()
    {
        Assert.Equal(SipFrameKind.Message, Frame("BYE sip:a@b SIP/2.0\r\nContent-Length: 0\r\nl: 0\r\n\r\n").Kind);
    }

    [Fact]
    public void Oversize_content_length_is_refused_before_the_body_arrives()
    {
        var frame = Frame("INVITE sip:a@b SIP/2.0\r\nContent-Length: 5000\r\n\r\n");
        Assert.Equal(SipFrameKind.Error, frame.Kind);
        Assert.Contains("exceeds the limit of 4096", frame.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_content_length_does_not_overflow()
    {
        var frame = Frame("INVITE sip:a@b SIP/2.0\r\nContent-Length: 99999999999999999999999\r\n\r\n");
        Assert.Equal(SipFrameKind.Error, frame.Kind);
    }

    [Fact]
    public void Header_section_without_end_is_refused_at_the_header_limit()
    {
        string endless = "INVITE sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Repeat("X-Pad: 0123456789\r\n", 100));
        var frame = Frame(endless);
        Assert.Equal(SipFrameKind.Error, frame.Kind);
        Assert.Contains("longer than 1024", frame.Error, StringComparison.Ordinal);
        Assert.Equal(SipFrameKind.NeedMore, Frame(endless[..500]).Kind);
    }

    [Fact]
    public void Keep_alive_ping_and_pong()
    {
        Assert.Equal(new SipFrame(SipFrameKind.Ping, 4), Frame("\r\n\r\nOPTIONS"));
        Assert.Equal(new SipFrame(SipFrameKind.Pong, 2), Frame("\r\nOPTIONS"));
        Assert.Equal(SipFrameKind.NeedMore, Frame("\r\n").Kind);
        Assert.Equal(SipFrameKind.NeedMore, Frame("\r\n\r").Kind);
        Assert.Equal(SipFrameKind.Error, Frame("\rX").Kind);
    }

    [Fact]
    public void Lone_crlf_is_a_pong_at_once_where_a_pong_is_expected()
    {
        Assert.Equal(new SipFrame(SipFrameKind.Pong, 2), SipStreamFramer.Next("\r\n"u8, MaxHeader, MaxMessage, pongExpected: true));
        Assert.Equal(new SipFrame(SipFrameKind.Ping, 4), SipStreamFramer.Next("\r\n\r\n"u8, MaxHeader, MaxMessage, pongExpected: true));
    }
}
