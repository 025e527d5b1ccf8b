using System.Net.Sockets;
using FaxBox.Admin;
using FaxBox.Admin.Api;
using FaxBox.Core.Net;
using FaxBox.Core.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Api;

/// <summary>
/// The box's local API: HTTP/1.1 JSON on a Unix socket in the data folder (mode 0660), for <c>faxbox send</c>, scripts on
/// the box and the admin page's back end. Endpoints under <c>/api/v1</c>; see README "Local API".
/// </summary>
internal sealed class LocalApiServer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly OnDemandWebApplication _web;
    private readonly ILogger _logger;

    private LocalApiServer(Socket socket, string socketPath, Func<ulong, CancellationToken, Task<WebApplication>> build, ILogger logger)
    {
        _socket = socket;
        SocketPath = socketPath;
        _logger = logger;

        // Kestrel takes a duplicate of the socket (and closes it when it stops); ours stays bound until dispose.
        _web = new OnDemandWebApplication(ct => build(ListenerHandles.Duplicate(_socket), ct));
    }

    /// <summary>The socket the API listens on.</summary>
    public string SocketPath { get; }

    /// <summary>Whether the endpoints are built and served (false until the first connection with <c>buildOnFirstConnection</c>).</summary>
    public bool IsStarted => _web.IsStarted;

    /// <summary>
    /// Binds the socket (replacing a stale one a crashed box left behind; refusing when another box answers on it),
    /// maps the endpoints <paramref name="map"/> adds after the built-in status ones, and starts serving: now, or with
    /// <paramref name="buildOnFirstConnection"/> (what <c>faxbox run</c> does) when the first client connects (Kestrel
    /// and its endpoints are then built and take the socket, and that client is answered: an idle box does not carry
    /// them nor wake for Kestrel's heartbeat).
    /// </summary>
    /// <exception cref="IOException">Another box serves the socket, or it cannot be bound (the message names it).</exception>
    public static async Task<LocalApiServer> StartAsync(
        string socketPath, IStatusFeed status, LocalApiOptions options, ILoggerFactory loggers, Action<WebApplication>? map, CancellationToken cancellationToken,
        bool buildOnFirstConnection = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        RemoveStaleSocket(socketPath);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(socketPath));
            socket.Listen(512);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            }
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"{socketPath}: {e.Message}", e);
        }

        var server = new LocalApiServer(socket, socketPath, (handle, ct) => BuildAsync(handle, status, options, loggers, map, ct), loggers.CreateLogger<LocalApiServer>());
        if (buildOnFirstConnection)
        {
            server._web.StartOnFirstConnection([socket], "local API: first connection", _ => { }, (e, wait) => LocalApiLog.StartFailed(server._logger, e, socketPath, wait));
            return server;
        }

        try
        {
            await server.EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Builds and starts the endpoints if they are not yet (idempotent; concurrent callers share one start).</summary>
    /// <exception cref="ObjectDisposedException">The server is stopped.</exception>
    internal Task EnsureStartedAsync(CancellationToken cancellationToken) => _web.EnsureStartedAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _web.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _socket.Dispose();
            try
            {
                File.Delete(SocketPath);
            }
            catch (IOException)
            {
                // Gone already, or the folder is read-only: the next start replaces it.
            }
        }
    }

    private static async Task<WebApplication> BuildAsync(
        ulong handle, IStatusFeed status, LocalApiOptions options, ILoggerFactory loggers, Action<WebApplication>? map, CancellationToken cancellationToken)
    {
        await Task.Yield();
        WebApplication app;
        try
        {
            // The empty builder: Kestrel's core (no HTTPS, no QUIC), routing core and nothing else. The slim builder's
            // configuration sources (appsettings.json with reload-on-change, a file watcher thread), host filtering and
            // forwarded-headers middleware served no purpose on a Unix socket and cost an idle box ≈ 3 MiB resident.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.WebHost.UseKestrelCore();
            builder.Services.AddRoutingCore();
            builder.Services.AddSingleton(loggers);
            builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            builder.WebHost.ConfigureKestrel(k =>
            {
                // The socket bound in StartAsync (a descriptor of it: Kestrel closes its own when it stops).
                k.ListenHandle(handle);
                k.Limits.MaxRequestBodySize = options.MaxUploadBytes;
                k.AddServerHeader = false;
            });
            app = builder.Build();
        }
        catch
        {
            ListenerHandles.Close([handle]);
            throw;
        }

        app.MapGet("/api/v1/status", () => Results.Json(status.Current, ApiJson.Options));
        try
        {
            map?.Invoke(app);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false); // its services and Kestrel's descriptor of the socket
            throw;
        }

        return app;
    }

    private static void RemoveStaleSocket(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            File.Delete(path);
            return;
        }

        throw new IOException($"{path}: another faxbox is already serving its API there (stop it first, or set api.socket)");
    }
}
