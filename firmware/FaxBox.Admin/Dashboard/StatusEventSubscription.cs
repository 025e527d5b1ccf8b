using System.Threading.Channels;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Dashboard;

/// <summary>One event stream's view of <see cref="StatusEventHub"/>; dispose it when the client goes away.</summary>
internal sealed class StatusEventSubscription(ChannelReader<StatusSnapshot> reader, Action leave) : IDisposable
{
    private int _disposed;

    /// <summary>The newest snapshot not yet read (at most one waits; a newer one replaces it).</summary>
    public ChannelReader<StatusSnapshot> Reader => reader;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            leave();
        }
    }
}
