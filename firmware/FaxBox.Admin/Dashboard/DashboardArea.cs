using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FaxBox.Admin.Dashboard;

/// <summary>The dashboard: ports, registrations, calls, last faxes, queue and health, live over server-sent events.</summary>
internal static class DashboardArea
{
    public static void AddServices(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<DashboardOptions>();
        services.AddSingleton<StatusEventHub>();
    }

    /// <summary>Maps the area's endpoints: pages' helpers on <paramref name="app"/>, JSON on <paramref name="api"/> (<c>/api/v1</c>, protected).</summary>
    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);

        // Made now, not on the first request: it follows the calls' T.30 steps from the start.
        _ = app.Services.GetRequiredService<StatusEventHub>();
        app.MapGet(StatusEventsEndpoint.Path, (HttpContext http, StatusEventHub hub, DashboardOptions options, AdminContext context, IHostApplicationLifetime lifetime) =>
            StatusEventsEndpoint.HandleAsync(http, hub, options, context, lifetime.ApplicationStopping));
    }
}
