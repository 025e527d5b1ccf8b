using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace FaxBox.Admin.Security;

/// <summary>First-run set-up, login, sessions, tokens, HTTPS and the rules every page and API call passes through.</summary>
internal static class SecurityArea
{
    public static void AddServices(WebApplicationBuilder builder, AdminContext context, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
    }

    public static void UsePipeline(WebApplication app) => ArgumentNullException.ThrowIfNull(app);

    public static void ProtectApi(RouteGroupBuilder api) => ArgumentNullException.ThrowIfNull(api);
}
