using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FaxBox.Admin.Settings;

/// <summary>The settings pages: every section of the configuration, validated before saving, backup and restore.</summary>
internal static class SettingsArea
{
    public static void AddServices(IServiceCollection services) => ArgumentNullException.ThrowIfNull(services);

    /// <summary>Maps the area's endpoints: pages' helpers on <paramref name="app"/>, JSON on <paramref name="api"/> (<c>/api/v1</c>, protected).</summary>
    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
    }
}
