namespace FaxBox.FaxServer.Routing;

/// <summary>Routing of received faxes (JSON <c>faxServer.routing</c>): the first rule that matches wins, else the default.</summary>
public sealed class InboundRoutingOptions
{
    /// <summary>The rules, tried in order. Default none (every fax takes the default route).</summary>
    public List<InboundRouteRule> Rules { get; set; } = [];

    /// <summary>
    /// Where a fax goes that no rule matches; its match fields must be empty. Default: the folder "default", no e-mail,
    /// no webhook.
    /// </summary>
    public InboundRouteRule Default { get; set; } = new();
}
