using System.Globalization;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Dashboard;

/// <summary>The dashboard's health panel, judged from one status snapshot.</summary>
internal static class DashboardHealth
{
    /// <summary>An outgoing job waiting longer than this is a problem worth showing. 1 hour.</summary>
    public static readonly TimeSpan StaleQueue = TimeSpan.FromHours(1);

    public static IReadOnlyList<HealthCheck> Evaluate(StatusSnapshot s, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(s);
        var checks = new List<HealthCheck>
        {
            new("Box", s.State == BoxState.Running, s.State switch
            {
                BoxState.Running => $"running since {s.Started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
                BoxState.Starting => "starting",
                _ => "stopping",
            }),
        };

        var registering = s.Registrations.Where(r => r.State != "none").ToList();
        var failed = registering.Where(r => r.State != "registered").ToList();
        checks.Add(new("SIP registrations", failed.Count == 0, registering.Count == 0
            ? "no account registers"
            : failed.Count == 0
                ? $"{registering.Count} of {registering.Count} registered"
                : string.Join("; ", failed.Select(r => $"{r.Account}: {r.State}{(r.Reason is null ? string.Empty : " (" + r.Reason + ")")}"))));

        var faulty = s.Ports.Where(p => p.State == PortState.Fault).Select(p => p.Name).ToList();
        checks.Add(new("Line ports", faulty.Count == 0, faulty.Count == 0 ? $"{s.Ports.Length} port(s), none faulty" : $"fault on {string.Join(", ", faulty)}"));

        var stale = s.Queue.OldestQueued is { } oldest && now - oldest > StaleQueue;
        checks.Add(new("Outgoing queue", !stale, s.Queue.Depth == 0
            ? "empty"
            : $"{s.Queue.Depth} waiting, {s.Queue.Sending} sending; oldest since {s.Queue.OldestQueued?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"));

        checks.Add(new("Inbox delivery", s.Queue.InboxUndelivered == 0, s.Queue.InboxUndelivered == 0
            ? "every received fax delivered"
            : $"{s.Queue.InboxUndelivered} received fax(es) not delivered yet (e-mail or webhook)"));

        var recent = s.RecentFaxes.Take(10).ToList();
        var succeeded = recent.Count(f => f.Success);
        checks.Add(new("Recent faxes", recent.Count == 0 || succeeded * 2 >= recent.Count, recent.Count == 0
            ? "none yet"
            : $"{succeeded} of the last {recent.Count} succeeded"));
        return checks;
    }
}
