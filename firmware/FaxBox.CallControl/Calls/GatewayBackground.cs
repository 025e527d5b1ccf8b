using Microsoft.Extensions.Logging;

namespace FaxBox.CallControl.Calls;

/// <summary>
/// Runs the gateway's SIP work off the media thread: each operation on the thread pool, its exception logged (never
/// unobserved), and all of them awaitable at shutdown.
/// </summary>
internal sealed partial class GatewayBackground(ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>Operations still running.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Starts <paramref name="operation"/> on the thread pool; <paramref name="what"/> names it in the log if it fails.</summary>
    public void Run(string what, Func<Task> operation)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await operation().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogFailed(logger, what, e);
            }
        });
        lock (_gate)
        {
            _running.Add(task);
        }

        task.ContinueWith(
            t =>
            {
                lock (_gate)
                {
                    _running.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits until nothing runs, at most <paramref name="limit"/>; false when something was still running.</summary>
    public async Task<bool> WhenIdleAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _running];
            }

            if (running.Length == 0)
            {
                return true;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.WhenAny(Task.WhenAll(running), Task.Delay(left)).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 1, Level = LogLevel.Error, Message = "{What} failed")]
    private static partial void LogFailed(ILogger logger, string what, Exception exception);
}
