namespace FaxBox.FaxServer.Routing;

/// <summary>Where one received fax goes (a validated <see cref="InboundRouteRule"/>).</summary>
/// <param name="RuleIndex">The index of the rule that matched, or null for the default route.</param>
/// <param name="Folder">The inbox folder.</param>
/// <param name="Email">E-mail recipients.</param>
/// <param name="EmailFormat">The attachment format.</param>
/// <param name="Webhook">The webhook URL, if any.</param>
/// <param name="WebhookIncludesPdf">Whether the webhook's JSON carries the PDF.</param>
public sealed record InboundRoute(
    int? RuleIndex,
    string Folder,
    IReadOnlyList<string> Email,
    FaxAttachmentFormat EmailFormat,
    Uri? Webhook,
    bool WebhookIncludesPdf);
