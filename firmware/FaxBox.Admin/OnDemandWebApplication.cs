using System.Net.Sockets;
using FaxBox.Core.Net;
using Microsoft.AspNetCore.Builder;

namespace FaxBox.Admin;

/// <summary>
/// An ASP.NET application over sockets its owner has already bound (the admin site's addresses, the local API's Unix
/// socket), built and started once: at once, or when the first client connects (<see cref="StartOnFirstConnection"/>:
/// a thread blocked in poll(2) on the sockets, so an idle box neither carries the pipeline nor wakes for it). Concurrent
/// starts share one build; disposing stops the watch and the application (not the owner's sockets).
/// </summary>
public sealed class OnDemandWebApplication : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<WebApplication>> _build;
    private readonly Lock _lock = new();
    private Task<WebApplication>? _app;
    private FirstConnectionWatch? _watch;
    private bool _disposed;

    /// <summary>Wraps <paramref name="build"/>, which builds and starts the application on the owner's sockets.</summary>
    public OnDemandWebApplication(Func<CancellationToken, Task<WebApplication>> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        _build = build;
    }

    /// <summary>Whether the application is built and serving.</summary>
    public bool IsStarted => _app is { IsCompletedSuccessfully: true };

    /// <summary>The started application's services.</summary>
    /// <exception cref="InvalidOperationException">It is not started yet (<see cref="EnsureStartedAsync"/>).</exception>
    public IServiceProvider Services => _app is { IsCompletedSuccessfully: true } app
        ? app.Result.Services
        : throw new InvalidOperationException("not built yet: await EnsureStartedAsync first");

    /// <summary>
    /// Builds and starts the application on a thread of its own when a client first connects to one of
    /// <paramref name="sockets"/> (listening); <paramref name="started"/> hears how long the start took, or
    /// <paramref name="failed"/> why it failed (the client's connection is then closed with the sockets at dispose).
    /// </summary>
    public void StartOnFirstConnection(IReadOnlyList<Socket> sockets, string name, Action<TimeSpan> started, Action<Exception> failed)
    {
        ArgumentNullException.ThrowIfNull(started);
        ArgumentNullException.ThrowIfNull(failed);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _watch ??= new FirstConnectionWatch(sockets, () => _ = StartOnConnectionAsync(started, failed), name);
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
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            app = _app;
        }

        _watch?.Dispose();
        if (app is not null)
        {
            try
            {
                var running = await app.ConfigureAwait(false);
                await running.StopAsync().ConfigureAwait(false);
                await running.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or SocketException)
            {
                // It never started (reported to whoever awaited the start).
            }
        }
    }

    private async Task StartOnConnectionAsync(Action<TimeSpan> started, Action<Exception> failed)
    {
        var since = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await EnsureStartedAsync(CancellationToken.None).ConfigureAwait(false);
            started(System.Diagnostics.Stopwatch.GetElapsedTime(since));
        }
        catch (ObjectDisposedException)
        {
            // Stopped meanwhile.
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or SocketException)
        {
            failed(e);
        }
    }
}
