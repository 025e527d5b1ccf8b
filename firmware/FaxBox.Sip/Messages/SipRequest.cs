using System.Text;
using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Messages;

/// <summary>A SIP request (RFC 3261 §7.1): method, Request-URI, headers and body.</summary>
public sealed class SipRequest : SipMessage
{
    private SipUri? _uri;
    private string? _uriText;
    private byte[]? _uriRaw;
    private int _uriStart;
    private int _uriLength;

    public SipRequest(string method, SipUri requestUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (!SipGrammar.IsToken(method))
        {
            throw new ArgumentException($"Method '{method}' is not a token", nameof(method));
        }

        Method = method;
        _uri = requestUri ?? throw new ArgumentNullException(nameof(requestUri));
    }

    /// <summary>A parsed request: the Request-URI (already checked) is <paramref name="uriLength"/> octets at <paramref name="uriStart"/> of <paramref name="raw"/>, parsed on first access.</summary>
    internal SipRequest(string method, byte[] raw, int uriStart, int uriLength, SipHeaderCollection headers)
    {
        Method = method;
        _uriRaw = raw;
        _uriStart = uriStart;
        _uriLength = uriLength;
        Headers = headers;
    }

    /// <summary>The method, case-sensitive (RFC 3261 §7.1).</summary>
    public string Method { get; }

    public SipUri RequestUri
    {
        get => _uri ??= SipUri.Parse(UriText);
        set
        {
            _uri = value ?? throw new ArgumentNullException(nameof(value));
            _uriText = null;
            _uriRaw = null;
            StartLineChanged();
        }
    }

    /// <summary>The Request-URI as written (as read, or as the URI set serializes).</summary>
    private string UriText => _uriText ??= _uriRaw is not null ? Encoding.UTF8.GetString(_uriRaw, _uriStart, _uriLength) : _uri!.ToString();

    protected override string StartLine => $"{Method} {UriText} {Version}";
}
