using System.Net.Sockets;
using FaxBox.Core.Net;
using Microsoft.AspNetCore.Builder;

namespace FaxBox.Admin;

/// <summary>
/// An ASP.NET application over sockets its owner has already bound (the admin site's addresses, the local API's Unix
/// socket), built and started once: at once, or when the first client connects (<see cref="StartOnFirstConnection"/>:
/// a thread blocked in poll(2) on the sockets, so an idle box neither carries the pipeline nor wakes for it). Concurrent
/// starts share one build; a start that fails is reported and tried again at the next connection after a back-off
/// (<see cref="RetryAfter"/>, doubling up to <see cref="RetryAtMost"/>), the clients meanwhile waiting in the backlog;
/// disposing stops the watch and the application (not the owner's sockets).
/// </summary>
public sealed class OnDemandWebApplication : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<WebApplication>> _build;
    private readonly Lock _lock = new();
    private Task<WebApplication>? _app;
    private FirstConnectionWatch? _watch;
    private readonly TimeSpan _firstRetryAfter;
    private TimeSpan _retryAfter;
    private bool _disposed;

    /// <summary>The wait after a failed start on a connection before the next connection starts it again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between failed starts.</summary>
    public static readonly TimeSpan RetryAtMost = TimeSpan.FromMinutes(5);

    /// <summary>Wraps <paramref name="build"/>, which builds and starts the application on the owner's sockets.</summary>
    /// <param name="build">Builds and starts the application.</param>
    /// <param name="retryAfter">The first wait after a failed start (default <see cref="RetryAfter"/>).</param>
    public OnDemandWebApplication(Func<CancellationToken, Task<WebApplication>> build, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(build);
        _build = build;
        _firstRetryAfter = _retryAfter = retryAfter ?? RetryAfter;
    }

    /// <summary>Whether the application is built and serving.</summary>
    public bool IsStarted => _app is { IsCompletedSuccessfully: true };

    /// <summary>The started application's services.</summary>
    /// <exception cref="InvalidOperationException">It is not started yet (<see cref="EnsureStartedAsync"/>).</exception>
    public IServiceProvider Services => _app is { IsCompletedSuccessfully: true } app
        ? app.Result.Services
        : throw new InvalidOperationException("not built yet: await EnsureStartedAsync first");

    /// <summary>
    /// Builds and starts the application when a client first connects to one of <paramref name="sockets"/> (listening;
    /// the client waits in the backlog and is answered once it is up); <paramref name="started"/> hears how long the
    /// start took, <paramref name="failed"/> any exception of a failed start and the wait before the next try.
    /// </summary>
    public void StartOnFirstConnection(IReadOnlyList<Socket> sockets, string name, Action<TimeSpan> started, Action<Exception, TimeSpan> failed)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentNullException.ThrowIfNull(started);
        ArgumentNullException.ThrowIfNull(failed);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Watch(sockets, name, started, failed);
        }
    }

    /// <summary>Builds and starts the application if it is not yet (idempotent; concurrent callers share one start).</summary>
    /// <exception cref="ObjectDisposedException">Disposed.</exception>
    public Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _app ??= _build(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<WebApplication>? app;
        FirstConnectionWatch? watch;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            app = _app;
            watch = _watch;
        }

        watch?.Dispose();
        if (app is null)
        {
            return;
        }

        WebApplication running;
        try
        {
            running = await app.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a start that failed was reported to whoever awaited it (or to the failed callback)
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        await running.StopAsync().ConfigureAwait(false);
        await running.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Under the lock: (re)arms the watch of <paramref name="sockets"/>.</summary>
    private void Watch(IReadOnlyList<Socket> sockets, string name, Action<TimeSpan> started, Action<Exception, TimeSpan> failed)
    {
        _watch?.Dispose();
        _watch = new FirstConnectionWatch(sockets, () => _ = StartOnConnectionAsync(sockets, name, started, failed), name);
    }

    private async Task StartOnConnectionAsync(IReadOnlyList<Socket> sockets, string name, Action<TimeSpan> started, Action<Exception, TimeSpan> failed)
    {
        var since = System.Diagnostics.Stopwatch.GetTimestamp();
        TimeSpan wait;
        try
        {
            await EnsureStartedAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_lock)
            {
                _retryAfter = _firstRetryAfter;
            }

            started(System.Diagnostics.Stopwatch.GetElapsedTime(since));
            return;
        }
        catch (ObjectDisposedException)
        {
            return; // stopped meanwhile
        }
#pragma warning disable CA1031 // whatever broke the build is reported, and the next connection tries again
        catch (Exception e)
#pragma warning restore CA1031
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _app = null;
                wait = _retryAfter;
                _retryAfter = TimeSpan.FromTicks(Math.Min(_retryAfter.Ticks * 2, RetryAtMost.Ticks));
            }

            failed(e, wait);
        }

        await Task.Delay(wait).ConfigureAwait(false);
        lock (_lock)
        {
            if (!_disposed)
            {
                Watch(sockets, name, started, failed);
            }
        }
    }
}
