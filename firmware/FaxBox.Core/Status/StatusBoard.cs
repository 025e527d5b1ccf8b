using System.Collections.Immutable;

namespace FaxBox.Core.Status;

/// <summary>
/// The one writable <see cref="IStatusFeed"/>: publishers replace parts of the model, each change makes a new immutable
/// snapshot with the next version and raises <see cref="Changed"/> once, outside the lock, in the order of the changes.
/// Thread-safe. Allocates per change (never per media frame).
/// </summary>
public sealed class StatusBoard : IStatusFeed
{
    /// <summary>How many fax records <see cref="StatusSnapshot.RecentFaxes"/> keeps.</summary>
    public const int MaxRecentFaxes = 50;

    private readonly Lock _gate = new();
    private readonly Lock _raise = new();
    private readonly TimeProvider _time;
    private StatusSnapshot _current;

    /// <summary>A board for a box named <paramref name="boxName"/>, started now.</summary>
    public StatusBoard(string boxName, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _current = StatusSnapshot.Empty(boxName, _time.GetUtcNow());
    }

    /// <inheritdoc />
    public StatusSnapshot Current => Volatile.Read(ref _current);

    /// <inheritdoc />
    public event EventHandler<StatusChange>? Changed;

    /// <summary>The clock the board stamps changes with.</summary>
    public TimeProvider Time => _time;

    /// <summary>Sets the box state.</summary>
    public void SetState(BoxState state) => Apply(StatusChangeKind.Box, state.ToString(), s => s with { State = state });

    /// <summary>Adds or replaces the port named <see cref="PortStatus.Name"/>.</summary>
    public void SetPort(PortStatus port) =>
        Apply(StatusChangeKind.Port, port.Name, s => s with { Ports = Upsert(s.Ports, port, p => p.Name == port.Name) });

    /// <summary>Adds or replaces the account named <see cref="RegistrationStatus.Account"/>.</summary>
    public void SetRegistration(RegistrationStatus registration) =>
        Apply(StatusChangeKind.Registration, registration.Account, s => s with { Registrations = Upsert(s.Registrations, registration, r => r.Account == registration.Account) });

    /// <summary>Adds or replaces a call in progress (a new one counts in <see cref="FaxCounters.Calls"/>).</summary>
    public void SetCall(CallStatus call) => Apply(StatusChangeKind.Call, call.CallId, s =>
    {
        var isNew = s.Calls.All(c => c.CallId != call.CallId);
        return s with
        {
            Calls = Upsert(s.Calls, call, c => c.CallId == call.CallId),
            Counters = isNew ? s.Counters with { Calls = s.Counters.Calls + 1 } : s.Counters,
        };
    });

    /// <summary>Removes an ended call; no effect when it is not there.</summary>
    public void RemoveCall(string callId) =>
        Apply(StatusChangeKind.Call, callId, s => s with { Calls = s.Calls.RemoveAll(c => c.CallId == callId) });

    /// <summary>Adds a fax record (newest first) and counts it.</summary>
    public void AddFax(FaxRecord record, bool fellBack) => Apply(StatusChangeKind.Fax, record.Id, s =>
    {
        var recent = s.RecentFaxes.Insert(0, record);
        if (recent.Length > MaxRecentFaxes)
        {
            recent = recent.RemoveRange(MaxRecentFaxes, recent.Length - MaxRecentFaxes);
        }

        var c = s.Counters;
        return s with
        {
            RecentFaxes = recent,
            Counters = c with
            {
                Faxes = c.Faxes + 1,
                FaxesSucceeded = c.FaxesSucceeded + (record.Success ? 1 : 0),
                Pages = c.Pages + record.Pages,
                T38Fallbacks = c.T38Fallbacks + (fellBack ? 1 : 0),
            },
        };
    });

    /// <summary>Replaces the fax server's queue figures (no change raised when they are the same).</summary>
    public void SetQueue(QueueStatus queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (Current.Queue != queue)
        {
            Apply(StatusChangeKind.Queue, "queue", s => s with { Queue = queue });
        }
    }

    /// <summary>Reports a step of a fax in progress to the subscribers; the snapshot keeps only its version bump.</summary>
    public void ReportFaxProgress(FaxProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        Apply(StatusChangeKind.FaxProgress, progress.CallId, s => s, progress);
    }

    private static ImmutableArray<T> Upsert<T>(ImmutableArray<T> items, T item, Func<T, bool> same)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (same(items[i]))
            {
                return items.SetItem(i, item);
            }
        }

        return items.Add(item);
    }

    private void Apply(StatusChangeKind kind, string key, Func<StatusSnapshot, StatusSnapshot> change, FaxProgress? progress = null)
    {
        // One raiser at a time so subscribers see versions in order; the model lock is not held while they run.
        lock (_raise)
        {
            StatusSnapshot next;
            lock (_gate)
            {
                next = change(_current) with { Version = _current.Version + 1 };
                Volatile.Write(ref _current, next);
            }

            Changed?.Invoke(this, new StatusChange(next, kind, key, progress));
        }
    }
}
