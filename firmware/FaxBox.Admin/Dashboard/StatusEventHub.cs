using System.Collections.Immutable;
using System.Threading.Channels;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Dashboard;

/// <summary>
/// Hands the status model's changes to the dashboard's event streams. <see cref="IStatusFeed.Changed"/> is raised on
/// the thread that made the change (often the media thread), so the handler only writes the new snapshot into each
/// client's channel of one slot (the newest replaces an unread older one: bounded per client, never blocking) and
/// remembers the latest T.30 progress per call. Clients leave by disposing their subscription.
/// </summary>
internal sealed class StatusEventHub : IDisposable
{
    private readonly IStatusFeed _feed;
    private readonly Lock _lock = new();
    private Channel<StatusSnapshot>[] _clients = [];
    private ImmutableDictionary<string, FaxProgress> _progress = ImmutableDictionary<string, FaxProgress>.Empty;

    public StatusEventHub(IStatusFeed feed)
    {
        _feed = feed;
        _feed.Changed += OnChanged;
    }

    /// <summary>Event streams open now.</summary>
    public int ClientCount => Volatile.Read(ref _clients).Length;

    /// <summary>The latest T.30 step of each call in progress (by Call-ID).</summary>
    public ImmutableDictionary<string, FaxProgress> Progress => Volatile.Read(ref _progress);

    /// <summary>The model now.</summary>
    public StatusSnapshot Current => _feed.Current;

    /// <summary>A new client, or null when <paramref name="maxClients"/> are open already.</summary>
    public StatusEventSubscription? Subscribe(int maxClients)
    {
        var channel = Channel.CreateBounded<StatusSnapshot>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        lock (_lock)
        {
            if (_clients.Length >= maxClients)
            {
                return null;
            }

            _clients = [.. _clients, channel];
        }

        return new StatusEventSubscription(channel.Reader, () => Unsubscribe(channel));
    }

    public void Dispose() => _feed.Changed -= OnChanged;

    private void Unsubscribe(Channel<StatusSnapshot> channel)
    {
        lock (_lock)
        {
            _clients = [.. _clients.Where(c => c != channel)];
        }

        channel.Writer.TryComplete();
    }

    private void OnChanged(object? sender, StatusChange change)
    {
        if (change.Kind == StatusChangeKind.FaxProgress && change.Progress is { } progress)
        {
            ImmutableInterlocked.AddOrUpdate(ref _progress, progress.CallId, progress, (_, _) => progress);
        }
        else if (change.Kind == StatusChangeKind.Call && !_progress.IsEmpty && change.Snapshot.Calls.All(c => c.CallId != change.Key))
        {
            ImmutableInterlocked.TryRemove(ref _progress, change.Key, out _);
        }

        foreach (var client in Volatile.Read(ref _clients))
        {
            client.Writer.TryWrite(change.Snapshot);
        }
    }
}
