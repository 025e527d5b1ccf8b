using System.Collections.Immutable;

namespace FaxBox.Core.Status;

/// <summary>The whole status model at one moment: immutable, safe to hand to any thread.</summary>
/// <param name="BoxName">The box's name (configuration <c>name</c>).</param>
/// <param name="Version">Increases by one with every change.</param>
/// <param name="Started">When the box started.</param>
/// <param name="State">Starting, running or stopping.</param>
/// <param name="Ports">Every configured line port, in configuration order.</param>
/// <param name="Registrations">Every SIP account.</param>
/// <param name="Calls">The calls in progress.</param>
/// <param name="RecentFaxes">The most recent fax records, newest first (bounded by <see cref="StatusBoard.MaxRecentFaxes"/>).</param>
/// <param name="Counters">Totals since start.</param>
/// <param name="Queue">The fax server's queue figures.</param>
public sealed record StatusSnapshot(
    string BoxName,
    long Version,
    DateTimeOffset Started,
    BoxState State,
    ImmutableArray<PortStatus> Ports,
    ImmutableArray<RegistrationStatus> Registrations,
    ImmutableArray<CallStatus> Calls,
    ImmutableArray<FaxRecord> RecentFaxes,
    FaxCounters Counters,
    QueueStatus Queue)
{
    /// <summary>An empty model for a box that has not started.</summary>
    public static StatusSnapshot Empty(string boxName, DateTimeOffset started) =>
        new(boxName, 0, started, BoxState.Starting, [], [], [], [], new FaxCounters(0, 0, 0, 0, 0), QueueStatus.Empty);
}
