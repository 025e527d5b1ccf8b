namespace FaxBox.Sip.Transport;

/// <summary>
/// Finds message boundaries in a SIP byte stream (RFC 3261 §18.3: on a stream the Content-Length header field gives the
/// body size and MUST be present). A bounded scan: only the header section is examined, at most
/// <c>maxHeaderSize</c> bytes, and only the Content-Length (or compact <c>l</c>) header field is read; the transaction
/// layer parses the message itself. Keep-alives (RFC 5626 §3.5.1) between messages are reported, not handed on.
/// </summary>
internal static class SipStreamFramer
{
    private static ReadOnlySpan<byte> EndOfHeaders => "\r\n\r\n"u8;

    /// <summary>
    /// Frames the next item at the start of <paramref name="buffer"/>. <paramref name="pongExpected"/> is true on a
    /// connection this box opened and pings: a lone CRLF there is the pong at once, where elsewhere it may still be the
    /// first half of a ping.
    /// </summary>
    public static SipFrame Next(ReadOnlySpan<byte> buffer, int maxHeaderSize, int maxMessageSize, bool pongExpected = false)
    {
        if (buffer.IsEmpty)
        {
            return SipFrame.NeedMore;
        }

        if (buffer[0] == (byte)'\r' || buffer[0] == (byte)'\n')
        {
            return NextKeepAlive(buffer, pongExpected);
        }

        int scan = Math.Min(buffer.Length, maxHeaderSize);
        int end = buffer[..scan].IndexOf(EndOfHeaders);
        if (end < 0)
        {
            return buffer.Length >= maxHeaderSize
                ? SipFrame.Fail($"header section longer than {maxHeaderSize} bytes without an empty line")
                : SipFrame.NeedMore;
        }

        int headerLength = end + EndOfHeaders.Length;
        int firstLineEnd = buffer[..end].IndexOf("\r\n"u8);
        var headers = firstLineEnd < 0 ? ReadOnlySpan<byte>.Empty : buffer[(firstLineEnd + 2)..end];
        var contentLength = FindContentLength(headers, out string? error);
        if (error is not null)
        {
            return SipFrame.Fail(error);
        }

        if (contentLength is null)
        {
            return SipFrame.Fail("Content-Length missing on a stream transport (RFC 3261 §18.3)");
        }

        long total = (long)headerLength + contentLength.Value;
        if (total > maxMessageSize)
        {
            return SipFrame.Fail($"message of {total} bytes (Content-Length {contentLength.Value}) exceeds the limit of {maxMessageSize} bytes");
        }

        return buffer.Length >= total ? new SipFrame(SipFrameKind.Message, (int)total) : SipFrame.NeedMore;
    }

    private static SipFrame NextKeepAlive(ReadOnlySpan<byte> buffer, bool pongExpected)
    {
        if (buffer.StartsWith(EndOfHeaders))
        {
            return new SipFrame(SipFrameKind.Ping, 4);
        }

        if (buffer.StartsWith("\r\n"u8))
        {
            // "\r\n" alone or "\r\n\r" may still become a ping; anything else after it makes it a pong.
            bool mayBecomePing = buffer.Length == 2 || (buffer.Length == 3 && buffer[2] == (byte)'\r');
            return mayBecomePing && !pongExpected ? SipFrame.NeedMore : new SipFrame(SipFrameKind.Pong, 2);
        }

        if (buffer[0] == (byte)'\n')
        {
            // A bare LF before a start line: tolerated like the CRLF of RFC 3261 §7.5.
            return new SipFrame(SipFrameKind.Pong, 1);
        }

        return buffer.Length == 1 ? SipFrame.NeedMore : SipFrame.Fail("a CR not followed by LF between messages");
    }

    /// <summary>
    /// Reads the Content-Length (or compact "l", RFC 3261 §7.3.3) from the header lines (without the start line and the
    /// final empty line), honouring line folding (RFC 3261 §7.3.1). Two different values are an error.
    /// </summary>
    internal static int? FindContentLength(ReadOnlySpan<byte> headers, out string? error)
    {
        error = null;
        int? found = null;
        while (!headers.IsEmpty)
        {
            int lineEnd = NextHeaderEnd(headers);
            var header = headers[..lineEnd];
            headers = lineEnd + 2 <= headers.Length ? headers[(lineEnd + 2)..] : ReadOnlySpan<byte>.Empty;

            int colon = header.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = TrimWhitespace(header[..colon]);
            if (!IsContentLengthName(name))
            {
                continue;
            }

            var value = TrimWhitespace(header[(colon + 1)..]);
            if (!TryParseDigits(value, out int length))
            {
                error = $"Content-Length '{System.Text.Encoding.ASCII.GetString(value[..Math.Min(value.Length, 32)])}' is not a number";
                return null;
            }

            if (found is not null && found.Value != length)
            {
                error = $"two Content-Length values ({found.Value} and {length})";
                return null;
            }

            found = length;
        }

        return found;
    }

    /// <summary>The index of the CRLF that ends this header field, skipping folded continuation lines.</summary>
    private static int NextHeaderEnd(ReadOnlySpan<byte> headers)
    {
        int offset = 0;
        while (true)
        {
            int crlf = headers[offset..].IndexOf("\r\n"u8);
            if (crlf < 0)
            {
                return headers.Length;
            }

            int end = offset + crlf;
            if (end + 2 < headers.Length && headers[end + 2] is (byte)' ' or (byte)'\t')
            {
                offset = end + 2;
                continue;
            }

            return end;
        }
    }

    private static bool IsContentLengthName(ReadOnlySpan<byte> name) =>
        (name.Length == 1 && (name[0] | 0x20) == 'l') ||
        System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8);

    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> span)
    {
        int start = 0;
        while (start < span.Length && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        int end = span.Length;
        while (end > start && span[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        return span[start..end];
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        long accumulator = 0;
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            accumulator = (accumulator * 10) + (b - '0');
            if (accumulator > int.MaxValue)
            {
                accumulator = int.MaxValue; // still reported, and refused as oversize
            }
        }

        value = (int)accumulator;
        return true;
    }
}
