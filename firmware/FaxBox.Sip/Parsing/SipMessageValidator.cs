using FaxBox.Sip.Messages;

namespace FaxBox.Sip.Parsing;

/// <summary>
/// The checks a careful UAS makes before handling a request (RFC 3261 §8.2.1–§8.2.3, §16.3) and a UAC makes on a
/// response (§8.1.3.3, §18.1.2). The box is a user agent, not a registrar: it serves <see cref="SipMethods.Allowed"/>.
/// </summary>
public static class SipMessageValidator
{
    /// <summary>Option tags the box supports (Supported header): reliable provisionals (RFC 3262) and session timers (RFC 4028).</summary>
    public static readonly IReadOnlyList<string> SupportedOptionTags = ["100rel", "timer"];

    private static readonly string[] RequiredRequestHeaders = [SipHeaderNames.To, SipHeaderNames.From, SipHeaderNames.CSeq, SipHeaderNames.CallId, SipHeaderNames.Via];

    /// <summary>
    /// Parses and checks one message; the verdict the box acts on. <paramref name="allowedMethods"/> are the methods
    /// served (default <see cref="SipMethods.Allowed"/>; pass <see cref="AnyKnownMethod"/> for a message-level check that
    /// leaves method support to the caller).
    /// </summary>
    public static SipVerdict Check(ReadOnlySpan<byte> data, SipParserOptions? options = null, IReadOnlyCollection<string>? allowedMethods = null)
    {
        var result = SipMessageParser.Parse(data, options);
        if (!result.Success)
        {
            var e = result.Error;
            if (e.IsResponse)
            {
                return new SipVerdict(SipVerdictKind.Discard, 0, e.ReasonPhrase, e.Detail);
            }

            // A malformed request with an unknown method and a CSeq mismatch is still answered 501 (RFC 4475 §3.1.2.18).
            return new SipVerdict(SipVerdictKind.Reject, e.StatusCode, e.ReasonPhrase, e.Detail);
        }

        return result.Message is SipRequest request ? Check(request, allowedMethods) : Check((SipResponse)result.Message);
    }

    /// <summary>Every method <see cref="SipMethods.IsKnown"/>: the message-level check, with method support left to the caller.</summary>
    public static IReadOnlyCollection<string> AnyKnownMethod { get; } = [];

    /// <summary>The verdict for a parsed request; <paramref name="allowedMethods"/> as in the other overload.</summary>
    public static SipVerdict Check(SipRequest request, IReadOnlyCollection<string>? allowedMethods = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var name in RequiredRequestHeaders)
        {
            if (!request.Headers.Contains(name))
            {
                return Reject(SipStatusCodes.BadRequest, $"Missing {name} Header", $"the request has no {name} header");
            }
        }

        var headers = request.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (header.KnownIndex < 0 || !SipHeaderNames.IsSingle(header.CanonicalName))
            {
                continue;
            }

            for (var j = i + 1; j < headers.Count; j++)
            {
                if (headers[j].KnownIndex == header.KnownIndex)
                {
                    return Reject(SipStatusCodes.BadRequest, $"Multiple {header.CanonicalName} Headers", $"{header.CanonicalName} must appear once");
                }
            }
        }

        var cseq = request.CSeq!.Value;
        var known = SipMethods.IsKnown(request.Method);
        if (!string.Equals(cseq.Method, request.Method, StringComparison.Ordinal) && !(request.Method == SipMethods.Ack && cseq.Method == SipMethods.Invite))
        {
            return known
                ? Reject(SipStatusCodes.BadRequest, "CSeq Method Mismatch", $"CSeq method {cseq.Method} differs from the request method {request.Method}")
                : Reject(SipStatusCodes.NotImplemented, "Not Implemented", $"method {request.Method} is unknown (and its CSeq says {cseq.Method})");
        }

        if (request.TopVia is { Branch: SipVia.MagicCookie })
        {
            return Reject(SipStatusCodes.BadRequest, "Missing Via Branch", "the Via branch is only the z9hG4bK cookie, with no transaction id");
        }

        if (!request.RequestUri.IsSip && request.RequestUri.Scheme != "tel")
        {
            return Reject(SipStatusCodes.UnsupportedUriScheme, "Unsupported URI Scheme", $"Request-URI scheme '{request.RequestUri.Scheme}'");
        }

        if (!known)
        {
            return Reject(SipStatusCodes.NotImplemented, "Not Implemented", $"method {request.Method} is unknown");
        }

        if (request.Method is not SipMethods.Ack and not SipMethods.Cancel && request.Headers.Contains(SipHeaderNames.Require))
        {
            var unsupported = request.GetTokens(SipHeaderNames.Require)
                .Where(t => !SupportedOptionTags.Contains(t, StringComparer.OrdinalIgnoreCase))
                .ToList();
            if (unsupported.Count > 0)
            {
                return new SipVerdict(SipVerdictKind.Reject, SipStatusCodes.BadExtension, "Bad Extension", $"Require lists {string.Join(", ", unsupported)}", unsupported);
            }
        }

        allowedMethods ??= SipMethods.Allowed;
        if (!ReferenceEquals(allowedMethods, AnyKnownMethod) && !allowedMethods.Contains(request.Method))
        {
            return Reject(SipStatusCodes.MethodNotAllowed, "Method Not Allowed", $"the box is a user agent and does not serve {request.Method}");
        }

        if (request.Method is SipMethods.Invite or SipMethods.Update or SipMethods.Prack or SipMethods.Ack && !request.Body.IsEmpty)
        {
            var type = request.ContentType;
            if (type is null || !IsMediaType(type, "application", "sdp"))
            {
                return Reject(SipStatusCodes.UnsupportedMediaType, "Unsupported Media Type", $"body of type '{type ?? "(none)"}'; only application/sdp");
            }
        }

        if (request.Method == SipMethods.Invite && request.Headers.Contains(SipHeaderNames.Accept))
        {
            var accepts = request.Headers.GetValues(SipHeaderNames.Accept);
            if (accepts.Count > 0 && !accepts.Any(a => IsMediaType(a, "application", "sdp") || IsMediaType(a, "application", "*") || IsMediaType(a, "*", "*")))
            {
                return Reject(SipStatusCodes.NotAcceptable, "Not Acceptable", "Accept does not include application/sdp");
            }
        }

        return SipVerdict.Accept;
    }

    /// <summary>The verdict for a parsed response: well-formed ones are accepted; the UAC drops the rest.</summary>
    public static SipVerdict Check(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var name in RequiredRequestHeaders)
        {
            if (!response.Headers.Contains(name))
            {
                return Discard($"Missing {name} Header");
            }
        }

        if (response.Vias.Count != 1)
        {
            return Discard("More Than One Via");
        }

        return SipVerdict.Accept;
    }

    private static bool IsMediaType(string value, string type, string subtype)
    {
        var s = value.AsSpan();
        var semi = s.IndexOf(';');
        if (semi >= 0)
        {
            s = s[..semi];
        }

        var slash = s.IndexOf('/');
        return slash > 0
            && SipGrammar.TrimLws(s[..slash]).Equals(type, StringComparison.OrdinalIgnoreCase)
            && SipGrammar.TrimLws(s[(slash + 1)..]).Equals(subtype, StringComparison.OrdinalIgnoreCase);
    }

    private static SipVerdict Reject(int status, string reason, string detail) => new(SipVerdictKind.Reject, status, reason, detail);

    private static SipVerdict Discard(string reason) => new(SipVerdictKind.Discard, 0, reason, reason);
}
