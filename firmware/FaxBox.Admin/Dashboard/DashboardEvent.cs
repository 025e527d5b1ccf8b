using System.Collections.Immutable;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Dashboard;

/// <summary>
/// What one server-sent event of <c>/events</c> carries (JSON, camelCase) and what the dashboard page renders: the
/// status model without the fax records' frame lists, the T.30 step of each call in progress and the health panel.
/// </summary>
internal sealed record DashboardEvent(
    string BoxName,
    long Version,
    BoxState State,
    DateTimeOffset Started,
    ImmutableArray<PortStatus> Ports,
    ImmutableArray<RegistrationStatus> Registrations,
    ImmutableArray<CallStatus> Calls,
    IReadOnlyDictionary<string, FaxProgress> Progress,
    IReadOnlyList<FaxRecord> LastFaxes,
    FaxCounters Counters,
    QueueStatus Queue,
    IReadOnlyList<HealthCheck> Health)
{
    public static DashboardEvent From(StatusSnapshot s, IReadOnlyDictionary<string, FaxProgress> progress, int lastFaxes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new DashboardEvent(
            s.BoxName, s.Version, s.State, s.Started, s.Ports, s.Registrations, s.Calls,
            progress.Where(p => s.Calls.Any(c => c.CallId == p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            [.. s.RecentFaxes.Take(lastFaxes).Select(f => f with { T30Frames = [] })],
            s.Counters, s.Queue, DashboardHealth.Evaluate(s, now));
    }
}
