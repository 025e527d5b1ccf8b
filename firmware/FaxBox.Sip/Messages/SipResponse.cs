using System.Globalization;

namespace FaxBox.Sip.Messages;

/// <summary>A SIP response (RFC 3261 §7.2): status code, reason phrase, headers and body.</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string? reasonPhrase = null)
    {
        if (statusCode is < 100 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A SIP status code is 100–699");
        }

        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipStatusCodes.DefaultReason(statusCode);
    }

    internal SipResponse(int statusCode, string reasonPhrase, SipHeaderCollection headers)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    /// <summary>1xx (RFC 3261 §7.2).</summary>
    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    protected override string StartLine => string.Create(CultureInfo.InvariantCulture, $"{Version} {StatusCode} {ReasonPhrase}");
}
