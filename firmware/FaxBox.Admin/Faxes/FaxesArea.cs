using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FaxBox.Admin.Faxes;

/// <summary>Inbox and outbox pages, the page viewer, the send form and each fax's record with its T.30 ladder.</summary>
internal static class FaxesArea
{
    public static void AddServices(IServiceCollection services) => ArgumentNullException.ThrowIfNull(services);

    /// <summary>Maps the area's endpoints: pages' helpers on <paramref name="app"/>, JSON on <paramref name="api"/> (<c>/api/v1</c>, protected).</summary>
    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
    }
}
