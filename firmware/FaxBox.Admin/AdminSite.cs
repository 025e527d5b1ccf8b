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
/// </summary>
public sealed class AdminSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminSite(WebApplication app) => _app = app;

    /// <summary>The addresses the site listens on, with the ports actually bound (port 0 resolved).</summary>
    public IReadOnlyList<Uri> Addresses => _app.Urls.Select(u => new Uri(u.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal))).ToList();

    /// <summary>The site's services (tests reach the security store and the clock through them).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Builds the site and starts listening.</summary>
    /// <exception cref="IOException">An address is in use or cannot be bound (the message names it).</exception>
    public static async Task<AdminSite> StartAsync(AdminContext context, AdminOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
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
        builder.WebHost.UseUrls([.. options.Urls]);
        SecurityArea.AddServices(builder, context, options);
        DashboardArea.AddServices(builder.Services);
        FaxesArea.AddServices(builder.Services);
        SettingsArea.AddServices(builder.Services);
        DiagnosticsArea.AddServices(builder.Services);

        var app = builder.Build();
        SecurityArea.UsePipeline(app);
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
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"admin.urls {string.Join(", ", options.Urls)}: {e.Message}", e);
        }

        return new AdminSite(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
