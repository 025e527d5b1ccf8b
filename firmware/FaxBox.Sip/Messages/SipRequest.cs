using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Messages;

/// <summary>A SIP request (RFC 3261 §7.1): method, Request-URI, headers and body.</summary>
public sealed class SipRequest : SipMessage
{
    private SipUri _uri;
    private string? _uriText;

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

    internal SipRequest(string method, SipUri requestUri, string uriText, SipHeaderCollection headers)
    {
        Method = method;
        _uri = requestUri;
        _uriText = uriText;
        Headers = headers;
    }

    /// <summary>The method, case-sensitive (RFC 3261 §7.1).</summary>
    public string Method { get; }

    public SipUri RequestUri
    {
        get => _uri;
        set
        {
            _uri = value ?? throw new ArgumentNullException(nameof(value));
            _uriText = null;
        }
    }

    protected override string StartLine => $"{Method} {_uriText ??= _uri.ToString()} {Version}";
}
