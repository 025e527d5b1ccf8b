using System.Buffers;
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

    /// <summary>Header lines read so far, reused by the next parse on the same thread (one array per thread, not per message).</summary>
    [ThreadStatic]
    private static SipRawHeader[]? t_lines;

    /// <summary>Parses one message from a datagram (or one framed stream message): body = Content-Length octets, or the rest when absent.</summary>
    /// <remarks>
    /// The message keeps one copy of its octets; header names and values become strings only when read, typed values
    /// (Via, From …) are built on first access. Every well-known header is nevertheless checked here, without building
    /// anything, so a message that parses has typed accessors that cannot fail.
    /// </remarks>
    public static SipParseResult Parse(ReadOnlySpan<byte> data, SipParserOptions? options = null)
    {
        options ??= SipParserOptions.Default;
        var lines = t_lines ?? new SipRawHeader[32];
        t_lines = null;
        var reader = new Reader(options, lines);
        try
        {
            return reader.Parse(data);
        }
        finally
        {
            Array.Clear(reader.Lines, 0, reader.Count);
            t_lines = reader.Lines;
        }
    }

    /// <summary>One parse: the header lines read so far (positions in the input) and the bounds.</summary>
    private ref struct Reader(SipParserOptions options, SipRawHeader[] lines)
    {
        public SipRawHeader[] Lines = lines;
        public int Count;
        private int _startOffset;
        private int _limit;

        public SipParseResult Parse(ReadOnlySpan<byte> data)
        {
            if (data.Length > options.MaxMessageSize)
            {
                return Fail(data, SipStatusCodes.MessageTooLarge, "Message Too Large", $"{data.Length} octets, more than the {options.MaxMessageSize} accepted", 0, LooksLikeResponse(data));
            }

            var pos = 0;
            while (pos < data.Length && data[pos] is (byte)'\r' or (byte)'\n')
            {
                pos++;
            }

            _startOffset = pos;
            if (pos >= data.Length)
            {
                return Fail(data, SipStatusCodes.BadRequest, "Empty Message", "no start line", pos, false);
            }

            var isResponse = LooksLikeResponse(data[pos..]);
            var startOffset = pos;
            if (!TryReadLine(data, ref pos, options, out var startLine, out var startCrLf, out var lineError))
            {
                return Fail(data, SipStatusCodes.BadRequest, "Malformed Start Line", lineError, startOffset, isResponse);
            }

            var startLineLength = startCrLf ? pos - startOffset : 0;
            var layoutKept = startCrLf;

            // Header section: lines up to an empty line (or the end of the data).
            var headerSectionClosed = false;
            var lineNumber = 1;
            StringBuilder? folded = null;
            var foldCount = 0;
            while (pos < data.Length)
            {
                var lineOffset = pos;
                _limit = pos;
                if (!TryReadLine(data, ref pos, options, out var line, out var crlf, out lineError))
                {
                    return Fail(data, SipStatusCodes.BadRequest, "Malformed Header", lineError, lineOffset, isResponse);
                }

                _limit = pos;
                lineNumber++;
                if (line.IsEmpty)
                {
                    headerSectionClosed = true;
                    layoutKept &= crlf;
                    break;
                }

                if (line[0] is (byte)' ' or (byte)'\t')
                {
                    if (Count == 0)
                    {
                        return Fail(data, SipStatusCodes.BadRequest, "Malformed Header", "continuation line before any header", lineOffset, isResponse);
                    }

                    ref var pending = ref Lines[Count - 1];
                    var pendingCanonical = Canonical(data, pending);
                    if (++foldCount > options.MaxFoldedLines)
                    {
                        return Fail(data, SipStatusCodes.BadRequest, $"Too Many Folded Lines in {pendingCanonical}", $"more than {options.MaxFoldedLines} continuation lines", lineOffset, isResponse);
                    }

                    if (!Utf8.IsValid(line))
                    {
                        return Fail(data, SipStatusCodes.BadRequest, $"Invalid UTF-8 in {pendingCanonical}", "header value is not UTF-8", lineOffset, isResponse);
                    }

                    var more = Encoding.UTF8.GetString(line).Trim(' ', '\t');
                    folded ??= new StringBuilder(Encoding.UTF8.GetString(data.Slice(pending.ValueStart, pending.ValueLength)));
                    if (more.Length > 0)
                    {
                        if (folded.Length > 0)
                        {
                            folded.Append(' ');
                        }

                        folded.Append(more);
                    }

                    pending.LineLength = 0;
                    layoutKept = false;
                    if (folded.Length > options.MaxLineLength)
                    {
                        return Fail(data, SipStatusCodes.BadRequest, $"{pendingCanonical} Too Long", $"unfolded header longer than {options.MaxLineLength}", lineOffset, isResponse);
                    }

                    continue;
                }

                if (folded is not null)
                {
                    Lines[Count - 1].FoldedValue = folded.ToString();
                    folded = null;
                }

                if (Count >= options.MaxHeaderCount)
                {
                    return Fail(data, SipStatusCodes.BadRequest, "Too Many Headers", $"more than {options.MaxHeaderCount} header lines", lineOffset, isResponse);
                }

                var colon = line.IndexOf((byte)':');
                if (colon <= 0)
                {
                    return Fail(data, SipStatusCodes.BadRequest, "Malformed Header", $"line {lineNumber} has no header name and colon", lineOffset, isResponse);
                }

                var nameEnd = colon;
                while (nameEnd > 0 && line[nameEnd - 1] is (byte)' ' or (byte)'\t')
                {
                    nameEnd--;
                }

                var nameBytes = line[..nameEnd];
                if (nameBytes.IsEmpty || !IsToken(nameBytes))
                {
                    return Fail(data, SipStatusCodes.BadRequest, "Malformed Header Name", $"line {lineNumber}: header name is not a token", lineOffset, isResponse);
                }

                var afterColon = line[(colon + 1)..];
                var lead = afterColon.Length - afterColon.TrimStart(" \t"u8).Length;
                var valueBytes = afterColon[lead..].TrimEnd(" \t"u8);
                if (!Utf8.IsValid(valueBytes))
                {
                    return Fail(data, SipStatusCodes.BadRequest, "Invalid UTF-8 in Header", $"line {lineNumber}: value is not UTF-8", lineOffset, isResponse);
                }

                // The separator as the serializer writes it: one space kept as is, none before an empty value, else as written.
                var separatorLength = lead == 1 && afterColon[0] == ' ' ? 1 : valueBytes.IsEmpty ? 0 : lead;
                var canonicalLayout = crlf && nameEnd == colon && (separatorLength == lead || valueBytes.IsEmpty && lead == 0)
                    && lead + valueBytes.Length == afterColon.Length;
                layoutKept &= canonicalLayout;
                if (Count == Lines.Length)
                {
                    Array.Resize(ref Lines, Math.Min(Lines.Length * 2, Math.Max(options.MaxHeaderCount, Lines.Length + 1)));
                }

                ref var entry = ref Lines[Count++];
                entry.NameStart = lineOffset;
                entry.NameLength = nameEnd;
                entry.SeparatorLength = separatorLength;
                entry.ValueStart = lineOffset + colon + 1 + lead;
                entry.ValueLength = valueBytes.Length;
                entry.LineLength = canonicalLayout ? pos - lineOffset : 0;
                entry.KnownIndex = SipHeaderNames.IndexOf(nameBytes, out entry.Spelling);
                entry.Number = -1;
                entry.FoldedValue = null;
                foldCount = 0;
            }

            if (folded is not null)
            {
                Lines[Count - 1].FoldedValue = folded.ToString();
            }

            _limit = pos;

            // Checks of the well-known headers (nothing built: typed values are made on first access).
            var contentLengthIndex = -1;
            Span<char> small = stackalloc char[512];
            for (var i = 0; i < Count; i++)
            {
                ref var entry = ref Lines[i];
                if (!SipHeaderParsing.IsChecked(entry.KnownIndex))
                {
                    continue;
                }

                var canonical = SipHeaderNames.KnownName(entry.KnownIndex);

                bool ok;
                int elements;
                int number;
                string? headerError;
                if (entry.FoldedValue is { } unfolded)
                {
                    ok = SipHeaderParsing.TryCheck(canonical, unfolded, out elements, out number, out headerError);
                }
                else
                {
                    var valueBytes = data.Slice(entry.ValueStart, entry.ValueLength);
                    char[]? rented = null;
                    var chars = valueBytes.Length <= small.Length ? small : (rented = ArrayPool<char>.Shared.Rent(valueBytes.Length));
                    var n = Encoding.UTF8.GetChars(valueBytes, chars);
                    ok = SipHeaderParsing.TryCheck(canonical, chars[..n], out elements, out number, out headerError);
                    if (rented is not null)
                    {
                        ArrayPool<char>.Shared.Return(rented);
                    }
                }

                if (!ok)
                {
                    return Fail(data, SipStatusCodes.BadRequest, $"Malformed {canonical} Header", headerError ?? "malformed", -1, isResponse);
                }

                if (elements > options.MaxListElements)
                {
                    return Fail(data, SipStatusCodes.BadRequest, $"Too Many {canonical} Values", $"more than {options.MaxListElements} values", -1, isResponse);
                }

                entry.Number = number;
                if (contentLengthIndex < 0 && ReferenceEquals(canonical, SipHeaderNames.ContentLength))
                {
                    contentLengthIndex = i;
                }
            }

            // Body framing by Content-Length (RFC 3261 §18.3, §20.14).
            var bodyStart = pos;
            var available = data.Length - bodyStart;
            var length = available;
            if (contentLengthIndex >= 0)
            {
                var contentLength = Lines[contentLengthIndex].Number;
                if (contentLength > available)
                {
                    return Fail(data, SipStatusCodes.BadRequest, "Bad Content-Length", $"Content-Length {contentLength} but {available} octets follow", bodyStart, isResponse);
                }

                length = contentLength;
            }
            else if (!headerSectionClosed)
            {
                length = 0;
            }

            layoutKept &= headerSectionClosed;
            var consumed = bodyStart + length;

            if (!Utf8.IsValid(startLine))
            {
                return Fail(data, SipStatusCodes.BadRequest, "Invalid UTF-8 in Start Line", "start line is not UTF-8", startOffset, isResponse);
            }

            if (isResponse)
            {
                if (!TryParseStatusLine(startLine, out var status, out var reason, out var statusError))
                {
                    return Fail(data, SipStatusCodes.BadRequest, "Malformed Status Line", statusError, startOffset, true);
                }

                // "SIP/2.0 200" without a reason is written back with the space before the (empty) reason.
                if (startLine.Length < 12)
                {
                    startLineLength = 0;
                    layoutKept = false;
                }

                _limit = consumed;
                var raw = data[startOffset..consumed].ToArray();
                var response = new SipResponse(status, reason, Materialize(raw));
                response.AttachRaw(raw, startLineLength, layoutKept ? raw.Length : 0, Body(raw, bodyStart - startOffset, length));
                return new SipParseResult(response, null, consumed);
            }
            else
            {
                var error = CheckRequestLine(data, startLine, startOffset, out var method, out var uriStart, out var uriLength);
                if (error is not null)
                {
                    return new SipParseResult(null, error, consumed);
                }

                _limit = consumed;
                var raw = data[startOffset..consumed].ToArray();
                var request = new SipRequest(method!, raw, uriStart, uriLength, Materialize(raw));
                request.AttachRaw(raw, startLineLength, layoutKept ? raw.Length : 0, Body(raw, bodyStart - startOffset, length));
                return new SipParseResult(request, null, consumed);
            }
        }

        private static ReadOnlyMemory<byte> Body(byte[] raw, int start, int length) => length == 0 ? ReadOnlyMemory<byte>.Empty : raw.AsMemory(start, length);

        private readonly string Canonical(ReadOnlySpan<byte> data, in SipRawHeader line) =>
            line.KnownIndex >= 0 ? SipHeaderNames.KnownName(line.KnownIndex) : Encoding.ASCII.GetString(data.Slice(line.NameStart, line.NameLength));

        /// <summary>The header objects over <paramref name="raw"/>, the message's copy of the input from the start line on.</summary>
        private readonly SipHeaderCollection Materialize(byte[] raw)
        {
            var headers = new SipHeaderCollection(Count);
            for (var i = 0; i < Count; i++)
            {
                headers.Add(new SipHeader(raw, Lines[i], _startOffset));
            }

            return headers;
        }

        private readonly SipParseResult Fail(ReadOnlySpan<byte> data, int status, string reason, string detail, int offset, bool isResponse) =>
            new(null, Error(data, status, reason, detail, offset, isResponse), 0);

        private readonly SipParseError Error(ReadOnlySpan<byte> data, int status, string reason, string detail, int offset, bool isResponse, string? method = null)
        {
            var raw = Count == 0 ? [] : data[_startOffset.._limit].ToArray();
            return new SipParseError(status, reason, detail, offset, isResponse, Materialize(raw), method);
        }

        /// <summary>Checks the request line (RFC 3261 §7.1); the method (interned when known) and where the Request-URI is, relative to the start line.</summary>
        private readonly SipParseError? CheckRequestLine(ReadOnlySpan<byte> data, ReadOnlySpan<byte> line, int offset, out string? method, out int uriStart, out int uriLength)
        {
            method = null;
            uriStart = 0;
            uriLength = 0;
            var first = line.IndexOf((byte)' ');
            if (first <= 0)
            {
                return Error(data, SipStatusCodes.BadRequest, "Malformed Request-Line", "request line must be 'METHOD SP Request-URI SP SIP-Version'", offset, false);
            }

            var methodBytes = line[..first];
            if (!IsToken(methodBytes))
            {
                return Error(data, SipStatusCodes.BadRequest, "Malformed Method", "method is not a token", offset, false);
            }

            method = InternMethod(methodBytes);
            var rest = line[(first + 1)..];
            var second = rest.IndexOf((byte)' ');
            if (second <= 0)
            {
                return Error(data, SipStatusCodes.BadRequest, "Malformed Request-Line", second == 0 ? "more than one SP before the Request-URI" : "no SIP-Version after the Request-URI", offset, false, method);
            }

            var uriBytes = rest[..second];
            var versionBytes = rest[(second + 1)..];
            if (versionBytes.IndexOf((byte)' ') >= 0 || versionBytes.IndexOf((byte)'\t') >= 0)
            {
                return Error(data, SipStatusCodes.BadRequest, "Malformed Request-Line", "extra whitespace in the request line (LWS in the Request-URI or after the version)", offset, false, method);
            }

            if (!versionBytes.SequenceEqual(SipVersionBytes))
            {
                var isVersion = versionBytes.Length >= 7 && versionBytes[..4].SequenceEqual("SIP/"u8);
                return isVersion
                    ? Error(data, SipStatusCodes.VersionNotSupported, "Version Not Supported", $"SIP version '{Encoding.UTF8.GetString(versionBytes)}' is not SIP/2.0", offset, false, method)
                    : Error(data, SipStatusCodes.BadRequest, "Malformed Request-Line", "SIP-Version missing or malformed", offset, false, method);
            }

            Span<char> small = stackalloc char[256];
            char[]? rented = null;
            var chars = uriBytes.Length <= small.Length ? small : (rented = ArrayPool<char>.Shared.Rent(uriBytes.Length));
            var n = Encoding.UTF8.GetChars(uriBytes, chars);
            var ok = SipUri.TryParse(chars[..n], false, out _, out var sipWithHeaders, out var uriError);
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }

            if (!ok)
            {
                return Error(data, SipStatusCodes.BadRequest, "Malformed Request-URI", uriError!, offset, false, method);
            }

            if (sipWithHeaders)
            {
                return Error(data, SipStatusCodes.BadRequest, "Request-URI Has Headers", "a Request-URI must not carry escaped headers (RFC 3261 §19.1.5)", offset, false, method);
            }

            uriStart = first + 1;
            uriLength = second;
            return null;
        }
    }

    /// <summary>The shared string of a known method (RFC 3261 and extensions), or a new one.</summary>
    private static string InternMethod(ReadOnlySpan<byte> method)
    {
        foreach (var known in SipMethods.KnownMethods)
        {
            if (System.Text.Ascii.Equals(method, known))
            {
                return known;
            }
        }

        return Encoding.ASCII.GetString(method);
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

    /// <summary>Reads one line ending in CRLF or LF (or at the end of data); a bare CR or NUL-free control rules are left to field parsers.</summary>
    private static bool TryReadLine(ReadOnlySpan<byte> data, ref int pos, SipParserOptions options, out ReadOnlySpan<byte> line, out bool crlf, out string error)
    {
        var rest = data[pos..];
        var nl = rest.IndexOf((byte)'\n');
        var end = nl < 0 ? rest.Length : nl;
        var content = rest[..end];
        crlf = false;
        if (!content.IsEmpty && content[^1] == '\r')
        {
            content = content[..^1];
            crlf = nl >= 0;
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

    private static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int status, out string reason, out string error)
    {
        status = 0;
        reason = string.Empty;
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

        status = ((code[0] - '0') * 100) + ((code[1] - '0') * 10) + (code[2] - '0');
        if (status is < 100 or > 699)
        {
            error = $"status code {status} outside 100–699";
            return false;
        }

        var reasonBytes = line.Length > 12 ? line[12..] : default;
        foreach (var b in reasonBytes)
        {
            if (b < ' ' && b != '\t')
            {
                error = "control character in the reason phrase";
                return false;
            }
        }

        var usual = SipStatusCodes.DefaultReason(status);
        reason = reasonBytes.IsEmpty ? string.Empty : System.Text.Ascii.Equals(reasonBytes, usual) ? usual : Encoding.UTF8.GetString(reasonBytes);
        error = string.Empty;
        return true;
    }
}
