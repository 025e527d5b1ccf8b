namespace FaxBox.FaxServer.Routing;

/// <summary>
/// One routing rule for received faxes (JSON <c>faxServer.routing.rules[i]</c>): what it matches and where a matching fax
/// goes. Match fields use the gateway's dial-pattern syntax (a digit matches itself, <c>x</c> any digit, <c>[2-9]</c> a
/// set, <c>.</c> repeats the element before it, <c>*</c> <c>#</c> <c>+</c> themselves): <c>"4930123456"</c> is exact,
/// <c>"49301234x."</c> a block. Every field given must match; a rule must give at least one.
/// </summary>
public sealed class InboundRouteRule
{
    /// <summary>The dialled number (DID, Request-URI user, or the FXO port's number). Default null: any.</summary>
    public string? CalledNumber { get; set; }

    /// <summary>The T.30 sub-address (SUB frame, ITU-T T.30 §5.3.6.2.8) the sender gave. Default null: any, or none.</summary>
    public string? SubAddress { get; set; }

    /// <summary>The caller's number (From user part or caller ID). Default null: any, or unknown.</summary>
    public string? CallerNumber { get; set; }

    /// <summary>
    /// The inbox folder the fax is stored in: letters, digits, '.', '-' and '_', at most 64 characters, not starting
    /// with '.' and not "incoming" or "tmp" (the inbox's own). Default "default".
    /// </summary>
    public string Folder { get; set; } = "default";

    /// <summary>E-mail recipients (RFC 5322 addresses); each gets its own delivery and retries. Default none.</summary>
    public List<string> Email { get; set; } = [];

    /// <summary>The e-mail attachment format. Default <see cref="FaxAttachmentFormat.Pdf"/>.</summary>
    public FaxAttachmentFormat EmailFormat { get; set; } = FaxAttachmentFormat.Pdf;

    /// <summary>An http or https URL that receives a signed JSON POST per fax. Default null: none.</summary>
    public string? Webhook { get; set; }

    /// <summary>Whether the webhook's JSON carries the PDF (base64). Default false: metadata only.</summary>
    public bool WebhookIncludesPdf { get; set; }

    /// <summary>Whether the rule matches anything at all (a rule without match fields is a configuration error).</summary>
    internal bool HasMatch => CalledNumber is not null || SubAddress is not null || CallerNumber is not null;
}
