using System.Net.Sockets;
using FaxBox.Admin.Api;
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
    private readonly WebApplication _app;

    private LocalApiServer(WebApplication app, string socketPath)
    {
        _app = app;
        SocketPath = socketPath;
    }

    /// <summary>The socket the API listens on.</summary>
    public string SocketPath { get; }

    /// <summary>
    /// Binds the socket (replacing a stale one a crashed box left behind; refusing when another box answers on it),
    /// maps the endpoints <paramref name="map"/> adds after the built-in status ones, and starts serving.
    /// </summary>
    public static async Task<LocalApiServer> StartAsync(
        string socketPath, IStatusFeed status, LocalApiOptions options, ILoggerFactory loggers, Action<WebApplication>? map, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        RemoveStaleSocket(socketPath);
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
            k.ListenUnixSocket(socketPath);
            k.Limits.MaxRequestBodySize = options.MaxUploadBytes;
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        app.MapGet("/api/v1/status", () => Results.Json(status.Current, ApiJson.Options));
        map?.Invoke(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        }

        return new LocalApiServer(app, socketPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
            // Gone already, or the folder is read-only: the next start replaces it.
        }
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
