using System.Text;
using System.Text.Unicode;
using FaxBox.Sip.Messages;

namespace FaxBox.Sip.Parsing;

/// <summary>
/// The total, bounded SIP message parser (RFC 3261 §7, §25): any octet sequence gives a <see cref="SipMessage"/> or a
/// <see cref="SipParseError"/>; it never throws on input, reads each octet a bounded number of times and allocates at
/// most in proportion to the (size-limited) input. Accepts compact names, folding, comma-joined values, bare LF line
/// ends, leading CRLFs (§7.5) and trailing octets after the body (§18.3). Well-known headers are parsed and checked,
/// so a malformed Via or CSeq is rejected with a reason naming the field.
/// </summary>
public static class SipMessageParser
{
    private static readonly byte[] SipVersionBytes = "SIP/2.0"u8.ToArray();

    /// <summary>Parses one message from a datagram (or one framed stream message): body = Content-Length octets, or the rest when absent.</summary>
    public static SipParseResult Parse(ReadOnlySpan<byte> data, SipParserOptions? options = null)
    {
        options ??= SipParserOptions.Default;
        var headers = new SipHeaderCollection(16);
        if (data.Length > options.MaxMessageSize)
        {
            return Fail(SipStatusCodes.MessageTooLarge, "Message Too Large", $"{data.Length} octets, more than the {options.MaxMessageSize} accepted", 0, LooksLikeResponse(data), headers);
        }

        var pos = 0;
        while (pos < data.Length && data[pos] is (byte)'\r' or (byte)'\n')
        {
            pos++;
        }

        if (pos >= data.Length)
        {
            return Fail(SipStatusCodes.BadRequest, "Empty Message", "no start line", pos, false, headers);
        }

        var isResponse = LooksLikeResponse(data[pos..]);
        var startOffset = pos;
        if (!TryReadLine(data, ref pos, options, out var startLine, out var lineError))
        {
            return Fail(SipStatusCodes.BadRequest, "Malformed Start Line", lineError, startOffset, isResponse, headers);
        }

        // Header section: lines up to an empty line (or the end of the data).
        var headerSectionClosed = false;
        var lineNumber = 1;
        string? pendingName = null;
        string? pendingCanonical = null;
        StringBuilder? folded = null;
        var pendingValue = string.Empty;
        var pendingSeparator = " ";
        var foldCount = 0;
        while (pos < data.Length)
        {
            var lineOffset = pos;
            if (!TryReadLine(data, ref pos, options, out var line, out lineError))
            {
                return Fail(SipStatusCodes.BadRequest, "Malformed Header", lineError, lineOffset, isResponse, headers);
            }

            lineNumber++;
            if (line.IsEmpty)
            {
                headerSectionClosed = true;
                break;
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (pendingName is null)
                {
                    return Fail(SipStatusCodes.BadRequest, "Malformed Header", "continuation line before any header", lineOffset, isResponse, headers);
                }

                if (++foldCount > options.MaxFoldedLines)
                {
                    return Fail(SipStatusCodes.BadRequest, $"Too Many Folded Lines in {pendingCanonical}", $"more than {options.MaxFoldedLines} continuation lines", lineOffset, isResponse, headers);
                }

                if (!Utf8.IsValid(line))
                {
                    return Fail(SipStatusCodes.BadRequest, $"Invalid UTF-8 in {pendingCanonical}", "header value is not UTF-8", lineOffset, isResponse, headers);
                }

                var more = Encoding.UTF8.GetString(line).Trim(' ', '\t');
                folded ??= new StringBuilder(pendingValue);
                if (more.Length > 0)
                {
                    if (folded.Length > 0)
                    {
                        folded.Append(' ');
                    }

                    folded.Append(more);
                }

                if (folded.Length > options.MaxLineLength)
                {
                    return Fail(SipStatusCodes.BadRequest, $"{pendingCanonical} Too Long", $"unfolded header longer than {options.MaxLineLength}", lineOffset, isResponse, headers);
                }

                continue;
            }

            if (pendingName is not null)
            {
                headers.Add(new SipHeader(pendingName, pendingCanonical!, folded?.ToString() ?? pendingValue) { Separator = folded is null ? pendingSeparator : " " });
                folded = null;
            }

            if (headers.Count >= options.MaxHeaderCount)
            {
                return Fail(SipStatusCodes.BadRequest, "Too Many Headers", $"more than {options.MaxHeaderCount} header lines", lineOffset, isResponse, headers);
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return Fail(SipStatusCodes.BadRequest, "Malformed Header", $"line {lineNumber} has no header name and colon", lineOffset, isResponse, headers);
            }

            var nameBytes = line[..colon];
            var nameEnd = nameBytes.Length;
            while (nameEnd > 0 && nameBytes[nameEnd - 1] is (byte)' ' or (byte)'\t')
            {
                nameEnd--;
            }

            nameBytes = nameBytes[..nameEnd];
            if (nameBytes.IsEmpty || !IsToken(nameBytes))
            {
                return Fail(SipStatusCodes.BadRequest, "Malformed Header Name", $"line {lineNumber}: header name is not a token", lineOffset, isResponse, headers);
            }

            var afterColon = line[(colon + 1)..];
            var valueBytes = afterColon.Trim(" \t"u8);
            var lead = afterColon.Length - afterColon.TrimStart(" \t"u8).Length;
            pendingSeparator = lead == 1 && afterColon[0] == ' ' ? " " : valueBytes.IsEmpty ? string.Empty : Encoding.ASCII.GetString(afterColon[..lead]);
            if (!Utf8.IsValid(valueBytes))
            {
                return Fail(SipStatusCodes.BadRequest, "Invalid UTF-8 in Header", $"line {lineNumber}: value is not UTF-8", lineOffset, isResponse, headers);
            }

            pendingName = KnownName(nameBytes) ?? Encoding.ASCII.GetString(nameBytes);
            pendingCanonical = SipHeaderNames.Canonical(pendingName);
            pendingValue = valueBytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(valueBytes);
            foldCount = 0;
        }

        if (pendingName is not null)
        {
            headers.Add(new SipHeader(pendingName, pendingCanonical!, folded?.ToString() ?? pendingValue) { Separator = folded is null ? pendingSeparator : " " });
        }


        // Typed checks of the well-known headers.
        foreach (var header in headers)
        {
            if (!SipHeaderParsing.TryParse(header, out var headerError))
            {
                return Fail(SipStatusCodes.BadRequest, $"Malformed {header.CanonicalName} Header", headerError ?? "malformed", -1, isResponse, headers);
            }

            if (header.Parsed is System.Collections.ICollection { Count: var count } && count > options.MaxListElements)
            {
                return Fail(SipStatusCodes.BadRequest, $"Too Many {header.CanonicalName} Values", $"more than {options.MaxListElements} values", -1, isResponse, headers);
            }
        }

        // Body framing by Content-Length (RFC 3261 §18.3, §20.14).
        var bodyStart = pos;
        var available = data.Length - bodyStart;
        var length = available;
        if (headers.Find(SipHeaderNames.ContentLength) is { Parsed: int contentLength })
        {
            if (contentLength > available)
            {
                return Fail(SipStatusCodes.BadRequest, "Bad Content-Length", $"Content-Length {contentLength} but {available} octets follow", bodyStart, isResponse, headers);
            }

            length = contentLength;
        }
        else if (!headerSectionClosed)
        {
            length = 0;
        }

        var body = length == 0 ? ReadOnlyMemory<byte>.Empty : data.Slice(bodyStart, length).ToArray();
        var consumed = bodyStart + length;

        if (!Utf8.IsValid(startLine))
        {
            return Fail(SipStatusCodes.BadRequest, "Invalid UTF-8 in Start Line", "start line is not UTF-8", startOffset, isResponse, headers);
        }

        SipMessage message;
        if (isResponse)
        {
            if (!TryParseStatusLine(startLine, headers, out var response, out var statusError))
            {
                return Fail(SipStatusCodes.BadRequest, "Malformed Status Line", statusError, startOffset, true, headers);
            }

            message = response;
        }
        else
        {
            var request = ParseRequestLine(startLine, headers, startOffset);
            if (request.Error is not null)
            {
                return new SipParseResult(null, request.Error, consumed);
            }

            message = request.Request!;
        }

        message.Body = body;
        return new SipParseResult(message, null, consumed);
    }

    private static bool LooksLikeResponse(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length && data[i] is (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return data[i..].StartsWith("SIP/"u8);
    }

    private static SipParseResult Fail(int status, string reason, string detail, int offset, bool isResponse, SipHeaderCollection headers, string? method = null) =>
        new(null, new SipParseError(status, reason, detail, offset, isResponse, headers, method), 0);

    /// <summary>Reads one line ending in CRLF or LF (or at the end of data); a bare CR or NUL-free control rules are left to field parsers.</summary>
    private static bool TryReadLine(ReadOnlySpan<byte> data, ref int pos, SipParserOptions options, out ReadOnlySpan<byte> line, out string error)
    {
        var rest = data[pos..];
        var nl = rest.IndexOf((byte)'\n');
        var end = nl < 0 ? rest.Length : nl;
        var content = rest[..end];
        if (!content.IsEmpty && content[^1] == '\r')
        {
            content = content[..^1];
        }

        if (content.Length > options.MaxLineLength)
        {
            line = default;
            error = $"line longer than {options.MaxLineLength} octets";
            return false;
        }

        if (content.IndexOf((byte)'\r') >= 0)
        {
            line = default;
            error = "bare CR inside a line";
            return false;
        }

        pos += nl < 0 ? rest.Length : nl + 1;
        line = content;
        error = string.Empty;
        return true;
    }

    private static bool IsToken(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (!SipGrammar.IsTokenChar((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static string? KnownName(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            return name[0] switch
            {
                (byte)'v' => "v",
                (byte)'f' => "f",
                (byte)'t' => "t",
                (byte)'i' => "i",
                (byte)'m' => "m",
                (byte)'l' => "l",
                (byte)'c' => "c",
                (byte)'k' => "k",
                _ => null,
            };
        }

        return name.Length switch
        {
            3 when name.SequenceEqual("Via"u8) => SipHeaderNames.Via,
            4 when name.SequenceEqual("From"u8) => SipHeaderNames.From,
            2 when name.SequenceEqual("To"u8) => SipHeaderNames.To,
            7 when name.SequenceEqual("Call-ID"u8) => SipHeaderNames.CallId,
            4 when name.SequenceEqual("CSeq"u8) => SipHeaderNames.CSeq,
            7 when name.SequenceEqual("Contact"u8) => SipHeaderNames.Contact,
            12 when name.SequenceEqual("Max-Forwards"u8) => SipHeaderNames.MaxForwards,
            14 when name.SequenceEqual("Content-Length"u8) => SipHeaderNames.ContentLength,
            12 when name.SequenceEqual("Content-Type"u8) => SipHeaderNames.ContentType,
            5 when name.SequenceEqual("Route"u8) => SipHeaderNames.Route,
            12 when name.SequenceEqual("Record-Route"u8) => SipHeaderNames.RecordRoute,
            5 when name.SequenceEqual("Allow"u8) => SipHeaderNames.Allow,
            9 when name.SequenceEqual("Supported"u8) => SipHeaderNames.Supported,
            10 when name.SequenceEqual("User-Agent"u8) => SipHeaderNames.UserAgent,
            6 when name.SequenceEqual("Server"u8) => SipHeaderNames.Server,
            7 when name.SequenceEqual("Require"u8) => SipHeaderNames.Require,
            _ => null,
        };
    }

    private static bool TryParseStatusLine(ReadOnlySpan<byte> line, SipHeaderCollection headers, out SipResponse response, out string error)
    {
        response = null!;
        if (!line.StartsWith(SipVersionBytes) || line.Length < 11 || line[7] != ' ')
        {
            error = "status line must start with 'SIP/2.0 '";
            return false;
        }

        var code = line[8..11];
        if (!char.IsAsciiDigit((char)code[0]) || !char.IsAsciiDigit((char)code[1]) || !char.IsAsciiDigit((char)code[2]) || (line.Length > 11 && line[11] != ' '))
        {
            error = "status code must be three digits followed by a space";
            return false;
        }

        var status = ((code[0] - '0') * 100) + ((code[1] - '0') * 10) + (code[2] - '0');
        if (status is < 100 or > 699)
        {
            error = $"status code {status} outside 100–699";
            return false;
        }

        var reason = line.Length > 12 ? Encoding.UTF8.GetString(line[12..]) : string.Empty;
        foreach (var c in reason)
        {
            if (c < ' ' && c != '\t')
            {
                error = "control character in the reason phrase";
                return false;
            }
        }

        response = new SipResponse(status, reason, headers);
        error = string.Empty;
        return true;
    }

    private static (SipRequest? Request, SipParseError? Error) ParseRequestLine(ReadOnlySpan<byte> line, SipHeaderCollection headers, int offset)
    {
        var first = line.IndexOf((byte)' ');
        if (first <= 0)
        {
            return (null, Error(SipStatusCodes.BadRequest, "Malformed Request-Line", "request line must be 'METHOD SP Request-URI SP SIP-Version'"));
        }

        var methodBytes = line[..first];
        if (!IsToken(methodBytes))
        {
            return (null, Error(SipStatusCodes.BadRequest, "Malformed Method", "method is not a token"));
        }

        var method = SipMethods.Intern(Encoding.ASCII.GetString(methodBytes));
        var rest = line[(first + 1)..];
        var second = rest.IndexOf((byte)' ');
        if (second <= 0)
        {
            return (null, Error(SipStatusCodes.BadRequest, "Malformed Request-Line", second == 0 ? "more than one SP before the Request-URI" : "no SIP-Version after the Request-URI", method));
        }

        var uriBytes = rest[..second];
        var versionBytes = rest[(second + 1)..];
        if (versionBytes.IndexOf((byte)' ') >= 0 || versionBytes.IndexOf((byte)'\t') >= 0)
        {
            return (null, Error(SipStatusCodes.BadRequest, "Malformed Request-Line", "extra whitespace in the request line (LWS in the Request-URI or after the version)", method));
        }

        if (!versionBytes.SequenceEqual(SipVersionBytes))
        {
            var isVersion = versionBytes.Length >= 7 && versionBytes[..4].SequenceEqual("SIP/"u8);
            return isVersion
                ? (null, Error(SipStatusCodes.VersionNotSupported, "Version Not Supported", $"SIP version '{Encoding.UTF8.GetString(versionBytes)}' is not SIP/2.0", method))
                : (null, Error(SipStatusCodes.BadRequest, "Malformed Request-Line", "SIP-Version missing or malformed", method));
        }

        var uriText = Encoding.UTF8.GetString(uriBytes);
        if (!SipUri.TryParse(uriText, out var uri, out var uriError))
        {
            return (null, Error(SipStatusCodes.BadRequest, "Malformed Request-URI", uriError, method));
        }

        if (uri.IsSip && uri.Headers is not null)
        {
            return (null, Error(SipStatusCodes.BadRequest, "Request-URI Has Headers", "a Request-URI must not carry escaped headers (RFC 3261 §19.1.5)", method));
        }

        return (new SipRequest(method, uri, uriText, headers), null);

        SipParseError Error(int status, string reason, string detail, string? m = null) => new(status, reason, detail, offset, false, headers, m);
    }
}
