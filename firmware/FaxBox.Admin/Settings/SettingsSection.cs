namespace FaxBox.Admin.Settings;

/// <summary>One settings page: the configuration keys under <see cref="Prefixes"/>.</summary>
/// <param name="Id">The page's address, <c>/settings/ID</c>.</param>
/// <param name="Title">Its heading.</param>
/// <param name="Summary">One sentence on what it configures.</param>
/// <param name="Prefixes">The configuration keys it shows, with everything under them.</param>
public sealed record SettingsSection(string Id, string Title, string Summary, IReadOnlyList<string> Prefixes)
{
    /// <summary>The settings pages, in menu order.</summary>
    public static IReadOnlyList<SettingsSection> All { get; } =
    [
        new("sip", "SIP accounts and trunks", "Each account's socket, identity, registration and where dialled numbers go; the SIP timer T1.", ["sip"]),
        new("ports", "Ports and dial plan", "The line ports (FXS numbers, FXO destinations), the dial plan and the media sockets and codecs.", ["ports", "dialPlan", "media"]),
        new("fax", "Fax", "T.38 policy and version, UDPTL redundancy, ECM, fallback to G.711 and its jitter buffer.", ["fax"]),
        new("routing", "Numbers and routing", "The box's own fax numbers and where received faxes go: inbox folders, e-mail, webhook.", ["terminal", "faxServer.routing", "faxServer.inbox", "faxServer.webhook"]),
        new("email", "E-mail", "The SMTP server received faxes and notifications are sent through.", ["faxServer.smtp", "faxServer.deliveryRetry"]),
        new("mqtt", "MQTT", "Status and commands over MQTT: the broker, credentials, topics, Home Assistant discovery.", ["mqtt"]),
        new("general", "General", "The box's name, board, engine, data folder, log level, the fax server's outbox and the local API and admin site.", ["name", "board", "engine", "dataFolder", "logLevel", "faxServer.enabled", "faxServer.documents", "faxServer.outbox", "faxServer.retry", "api", "admin"]),
    ];

    /// <summary>The section named <paramref name="id"/>, or null.</summary>
    public static SettingsSection? Find(string? id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>Whether <paramref name="path"/> belongs to this section.</summary>
    public bool Contains(string path) => Prefixes.Any(p => Under(path, p));

    /// <summary>Whether <paramref name="path"/> is <paramref name="prefix"/> or below it (<c>a.b</c>, <c>a[0]</c>).</summary>
    internal static bool Under(string path, string prefix) =>
        path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length] is '.' or '[');
}
