using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FaxBox.Admin.Api;
using FaxBox.Admin.Dashboard;
using FaxBox.Admin.Diagnostics;
using FaxBox.Admin.Faxes;
using FaxBox.Admin.Security;
using FaxBox.Admin.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin;

/// <summary>
/// The box's admin web site: Razor Pages for people and <c>/api/v1</c> JSON for scripts, on its own Kestrel listener
/// (<see cref="AdminOptions.Urls"/>). Each area (security, dashboard, faxes, settings, diagnostics) adds its services
/// and endpoints through its own <c>*Area</c> class.
/// <para>
/// The site binds its addresses itself at start and hands the listening sockets to Kestrel (<c>ListenHandle</c>). With
/// <c>buildOnFirstConnection</c> (what <c>faxbox run</c> does) the ASP.NET pipeline (Kestrel, Razor Pages, data
/// protection, antiforgery, the OpenAPI document) is built only when the first browser or script connects: an idle box
/// that nobody administers does not carry it (about 40 MiB resident and 0.4 s of start measured, README "The idle box").
/// A connection made before then waits in the socket's backlog and is answered once the site is up (a few hundred ms).
/// </para>
/// </summary>
public sealed class AdminSite : IAsyncDisposable
{
    private readonly AdminContext _context;
    private readonly AdminOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<AdminListener> _listeners;
    private readonly SecurityState _security;
    private readonly Lock _lock = new();
    private Task<WebApplication>? _app;
    private Socket? _wake;
    private Thread? _waiter;
    private bool _disposed;

    private AdminSite(AdminContext context, AdminOptions options, ILoggerFactory loggers, IReadOnlyList<AdminListener> listeners, SecurityState security)
    {
        _context = context;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger(typeof(AdminSite).FullName!);
        _listeners = listeners;
        _security = security;
    }

    /// <summary>The addresses the site listens on, with the ports actually bound (port 0 resolved).</summary>
    public IReadOnlyList<Uri> Addresses => [.. _listeners.Select(l => l.Address)];

    /// <summary>Whether the pages and API are built and served (false until the first connection with <c>buildOnFirstConnection</c>).</summary>
    public bool IsStarted => _app is { IsCompletedSuccessfully: true };

    /// <summary>The site's services (tests reach the security store and the clock through them).</summary>
    /// <exception cref="InvalidOperationException">The site is not built yet (<see cref="EnsureStartedAsync"/>).</exception>
    internal IServiceProvider Services => _app is { IsCompletedSuccessfully: true } app
        ? app.Result.Services
        : throw new InvalidOperationException("the admin site's pages are not built yet: await EnsureStartedAsync first");

    /// <summary>The security objects made at start (the store, the set-up code), built or not.</summary>
    internal SecurityState Security => _security;

    /// <summary>
    /// Binds the site's addresses, opens its secrets and logs the set-up code if no password is set; builds and starts
    /// the pages and API now, or on the first connection with <paramref name="buildOnFirstConnection"/>.
    /// </summary>
    /// <exception cref="IOException">An address is in use or cannot be bound (the message names it and <c>admin.urls</c>).</exception>
    public static async Task<AdminSite> StartAsync(AdminContext context, AdminOptions options, ILoggerFactory loggers, CancellationToken cancellationToken, bool buildOnFirstConnection = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var security = SecurityArea.Open(context, options, loggers.CreateLogger(typeof(SecurityArea).FullName!));
        var listeners = AdminListener.Bind(options.Urls);
        var site = new AdminSite(context, options, loggers, listeners, security);
        if (buildOnFirstConnection)
        {
            site.WaitForFirstConnection();
            return site;
        }

        try
        {
            await site.EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await site.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return site;
    }

    /// <summary>Builds and starts the pages and API if they are not yet (idempotent; concurrent callers share one start).</summary>
    /// <exception cref="IOException">Kestrel could not take the sockets (the message names <c>admin.urls</c>).</exception>
    /// <exception cref="ObjectDisposedException">The site is stopped.</exception>
    internal Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _app ??= BuildAsync(cancellationToken);
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

        if (_wake is { } wake && _waiter is { } waiter)
        {
            // Wake the waiting thread (blocked in poll) with a datagram to its wake socket; it sees _disposed and ends.
            _ = wake.SendTo([1], wake.LocalEndPoint!);
            _ = waiter.Join(TimeSpan.FromSeconds(5));
            wake.Dispose();
        }

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

        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }
    }

    /// <summary>
    /// A background thread blocks in poll(2) on the listening sockets (no wake-up while nobody connects) and builds the
    /// site when one has a connection waiting; Kestrel then accepts it.
    /// </summary>
    private void WaitForFirstConnection()
    {
        var wake = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        wake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _wake = wake;
        _waiter = new Thread(() =>
        {
            var ready = new List<Socket>(_listeners.Count + 1);
            try
            {
                // Bounded: each round ends only on a connection (then the loop ends) or the wake datagram of DisposeAsync.
                for (var round = 0; round < 1000; round++)
                {
                    ready.Clear();
                    ready.AddRange(_listeners.Select(l => l.Socket));
                    ready.Add(wake);
                    Socket.Select(ready, null, null, -1);
                    lock (_lock)
                    {
                        if (_disposed)
                        {
                            return;
                        }
                    }

                    if (ready.Contains(wake) && wake.Available > 0)
                    {
                        // A stray datagram: drop it, or poll would report it again at once.
                        _ = wake.Receive(new byte[wake.Available]);
                    }

                    if (ready.Any(s => s != wake))
                    {
                        _ = StartOnConnectionAsync();
                        return;
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped while waiting.
            }
        })
        {
            IsBackground = true,
            Name = "admin site: first connection",
        };
        _waiter.Start();
    }

    private async Task StartOnConnectionAsync()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await EnsureStartedAsync(CancellationToken.None).ConfigureAwait(false);
            AdminSiteLog.Started(_logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (ObjectDisposedException)
        {
            // Stopped meanwhile.
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            AdminSiteLog.StartFailed(_logger, e, string.Join(", ", _options.Urls));
        }
    }

    private async Task<WebApplication> BuildAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var context = _context;
        var options = _options;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton(context);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(context.Status);
        builder.Services.AddRazorPages().AddApplicationPart(typeof(AdminSite).Assembly);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxUploadBytes;
        });
        SecurityArea.AddServices(builder, _security, options, _loggers.CreateLogger(typeof(SecurityArea).FullName!));
        DashboardArea.AddServices(builder.Services);
        FaxesArea.AddServices(builder.Services);
        SettingsArea.AddServices(builder.Services);
        DiagnosticsArea.AddServices(builder.Services);
        var handles = new List<(ulong Handle, bool Https)>();
        try
        {
            foreach (var listener in _listeners)
            {
                handles.Add((listener.DuplicateHandle(), listener.IsHttps));
            }
        }
        catch (IOException)
        {
            CloseHandles(handles);
            throw;
        }

        // After SecurityArea's ConfigureHttpsDefaults (the certificate selector), which UseHttps() applies.
        builder.WebHost.ConfigureKestrel(k =>
        {
            foreach (var (handle, https) in handles)
            {
                k.ListenHandle(handle, l =>
                {
                    if (https)
                    {
                        l.UseHttps();
                    }
                });
            }
        });

        WebApplication app;
        try
        {
            app = builder.Build();
        }
        catch
        {
            CloseHandles(handles);
            throw;
        }

        SecurityArea.UsePipeline(app, _listeners.FirstOrDefault(l => l.IsHttps)?.Port);
        StaticAssets.Map(app);
        var api = app.MapGroup("/api/v1");
        SecurityArea.ProtectApi(api);
        api.MapGet("/status", () => Results.Json(context.Status.Current, ApiJson.Options));
        if (context.FaxServer is { } server)
        {
            FaxServerEndpoints.Map(api, server, Path.Combine(context.DataFolder, "tmp", "uploads"));
        }

        DashboardArea.Map(app, api);
        FaxesArea.Map(app, api);
        SettingsArea.Map(app, api);
        DiagnosticsArea.Map(app, api);
        app.MapRazorPages();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"admin.urls {string.Join(", ", options.Urls)}: {e.Message}", e);
        }

        return app;
    }

    /// <summary>Closes duplicated descriptors Kestrel never took.</summary>
    private static void CloseHandles(List<(ulong Handle, bool Https)> handles)
    {
        foreach (var (handle, _) in handles)
        {
            using var socket = new Socket(new SafeSocketHandle((nint)handle, ownsHandle: true));
        }
    }
}
