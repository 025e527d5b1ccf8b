using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Calls;

/// <summary>
/// The user agent's own asynchronous work that no caller awaits directly (a PRACK exchange started from a provisional
/// response, a session refresh started by its timer, the BYE after an unacknowledged 2xx): each piece is tracked, its
/// exception is logged, and <see cref="WhenIdleAsync"/> (used by dispose and tests) awaits them all.
/// </summary>
internal sealed class SipBackgroundWork(ILogger logger)
{
    private readonly ConcurrentDictionary<Task, string> _running = new();

    public int Count => _running.Count;

    public void Run(Func<Task> work, string what)
    {
        var task = RunCoreAsync(work, what);
        if (task.IsCompleted)
        {
            return;
        }

        _running.TryAdd(task, what);
        task.ContinueWith(static (t, s) => ((ConcurrentDictionary<Task, string>)s!).TryRemove(t, out _), _running, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits until no work is running (bounded by <paramref name="limit"/>); returns false on timeout.</summary>
    public async Task<bool> WhenIdleAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        for (var round = 0; round < 10_000 && !_running.IsEmpty; round++)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            var all = Task.WhenAll(_running.Keys);
            await Task.WhenAny(all, Task.Delay(remaining)).ConfigureAwait(false);
        }

        return _running.IsEmpty;
    }

    private async Task RunCoreAsync(Func<Task> work, string what)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SipCallLog.BackgroundFailed(logger, e, what);
        }
    }
}
