namespace FaxBox.FaxServer.Delivery;

/// <summary>Webhook delivery of received faxes (JSON <c>faxServer.webhook</c>); the URL is per route.</summary>
public sealed class WebhookOptions
{
    /// <summary>The header that carries the signature: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body.</summary>
    public const string SignatureHeader = "X-FaxBox-Signature";

    /// <summary>
    /// The shared secret the body is signed with (HMAC-SHA256, RFC 2104), at least 16 characters. Default null: routes
    /// with a webhook are refused at start, so that no receiver is ever sent unsigned faxes.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>The POST must be answered within this time. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
