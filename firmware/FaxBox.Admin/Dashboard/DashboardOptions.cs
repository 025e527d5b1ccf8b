namespace FaxBox.Admin.Dashboard;

/// <summary>How the dashboard's live updates (server-sent events at <c>/events</c>) behave.</summary>
internal sealed class DashboardOptions
{
    /// <summary>
    /// Shortest time between two events to one client: changes in between fold into the latest snapshot (a fax call
    /// changes the model several times a second). Default 250 ms.
    /// </summary>
    public TimeSpan EventInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A comment line sent when nothing changed for this long, so proxies keep the stream open. Default 15 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most event streams open at once; more are refused with 503 (the page still works without them). Default 16.</summary>
    public int MaxClients { get; set; } = 16;

    /// <summary>Most received and sent faxes the dashboard lists. Default 10.</summary>
    public int LastFaxes { get; set; } = 10;
}
