using System.Diagnostics;
using System.Net.Sockets;
using FaxBox.Admin.Api;
using FaxBox.Admin.Dashboard;
using FaxBox.Admin.Diagnostics;
using FaxBox.Admin.Faxes;
using FaxBox.Admin.Security;
using FaxBox.Admin.Settings;
using FaxBox.Core.Net;
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
    private readonly OnDemandWebApplication _web;

    private AdminSite(AdminContext context, AdminOptions options, ILoggerFactory loggers, IReadOnlyList<AdminListener> listeners, SecurityState security)
    {
        _context = context;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger(typeof(AdminSite).FullName!);
        _listeners = listeners;
        _security = security;
        _web = new OnDemandWebApplication(BuildAsync);
    }

    /// <summary>The addresses the site listens on, with the ports actually bound (port 0 resolved).</summary>
    public IReadOnlyList<Uri> Addresses => [.. _listeners.Select(l => l.Address)];

    /// <summary>Whether the pages and API are built and served (false until the first connection with <c>buildOnFirstConnection</c>).</summary>
    public bool IsStarted => _web.IsStarted;

    /// <summary>The site's services (tests reach the security store and the clock through them).</summary>
    /// <exception cref="InvalidOperationException">The site is not built yet (<see cref="EnsureStartedAsync"/>).</exception>
    internal IServiceProvider Services => _web.Services;

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
            site._web.StartOnFirstConnection(
                [.. listeners.Select(l => l.Socket)],
                "admin site: first connection",
                took => AdminSiteLog.Started(site._logger, (long)took.TotalMilliseconds),
                (e, wait) => AdminSiteLog.StartFailed(site._logger, e, string.Join(", ", options.Urls), wait));
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
    internal Task EnsureStartedAsync(CancellationToken cancellationToken) => _web.EnsureStartedAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _web.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            foreach (var listener in _listeners)
            {
                listener.Dispose();
            }
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
                handles.Add((ListenerHandles.Duplicate(listener.Socket), listener.IsHttps));
            }
        }
        catch (IOException)
        {
            ListenerHandles.Close(handles.Select(h => h.Handle));
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
            ListenerHandles.Close(handles.Select(h => h.Handle));
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
}
