using System.Collections.Concurrent;
using FaxBox.Core;

namespace FaxBox.CallControl.Terminals;

/// <summary>
/// One share of the box's terminal calls, ticked on one thread: on the media tick (one shard), or each shard on a
/// <see cref="TerminalTickWorker"/> of its own (<see cref="Configuration.TerminalOptions.OwnThread"/>, one per core), so the
/// page ends of many calls run on every core at once. A call belongs to one shard for its life; work for it from other
/// threads is posted to that shard and drained at the start of the shard's next tick.
/// </summary>
internal sealed class TerminalShard : IMediaTickHandler
{
    private readonly ConcurrentQueue<Action> _inbox = new();
    private readonly List<TerminalCall> _calls = [];
    private readonly MediaWake? _wake;
    private int _listed;
    private long _now;

    /// <param name="wake">Woken after every post, so a parked media clock ticks the shard at once; null in tests that tick it directly.</param>
    public TerminalShard(MediaWake? wake = null) => _wake = wake;

    /// <summary>The shard's calls now (its thread, or between ticks in tests).</summary>
    public IReadOnlyList<TerminalCall> Calls => _calls;

    /// <summary>Media time of the shard's last tick.</summary>
    public TimeSpan Now => TimeSpan.FromTicks(Volatile.Read(ref _now));

    /// <summary>Any thread: calls in the list (as of the last tick) or work posted; false on an idle shard.</summary>
    public bool HasWork => Volatile.Read(ref _listed) > 0 || !_inbox.IsEmpty;

    /// <summary>Runs <paramref name="action"/> on the shard's thread at its next tick.</summary>
    public void Post(Action action)
    {
        _inbox.Enqueue(action);
        _wake?.Wake();
    }

    /// <summary>The shard's thread: <paramref name="call"/> joins the tick.</summary>
    public void Add(TerminalCall call) => _calls.Add(call);

    /// <inheritdoc />
    public void OnTick(in MediaTick tick)
    {
        Volatile.Write(ref _now, tick.Due.Ticks);
        var now = tick.Due;
        while (_inbox.TryDequeue(out var action))
        {
            action();
        }

        for (var i = _calls.Count - 1; i >= 0; i--)
        {
            var call = _calls[i];
            call.Tick(now);
            if (call.IsDone)
            {
                _calls[i] = _calls[^1];
                _calls.RemoveAt(_calls.Count - 1);
            }
        }

        Volatile.Write(ref _listed, _calls.Count);
    }
}
