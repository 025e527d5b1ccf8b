using System.Text;
using FaxBox.Admin.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FaxBox.Admin.Settings;

/// <summary>
/// The settings pages (<c>Pages/Settings</c>: one generated form per section, the JSON view, backup and restore) and
/// their API: <c>GET /api/v1/configuration</c> (every setting, secrets only as set or not), <c>PUT /api/v1/configuration</c>
/// (a whole document, validated, saved, applied), <c>GET /api/v1/configuration/backup</c> and
/// <c>POST /api/v1/configuration/restore</c> (the file as the body).
/// </summary>
internal static class SettingsArea
{
    public static void AddServices(IServiceCollection services) => ArgumentNullException.ThrowIfNull(services);

    /// <summary>Maps the area's endpoints: pages' helpers on <paramref name="app"/>, JSON on <paramref name="api"/> (<c>/api/v1</c>, protected).</summary>
    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
        var configuration = api.MapGroup("/configuration");
        api.MapGet("/configuration", (AdminContext context) => context.Configuration is { } c
            ? Results.Json(c.Read(), ApiJson.Options)
            : NoConfiguration());
        api.MapPut("/configuration", async (AdminContext context, HttpRequest request, CancellationToken cancellationToken) =>
            context.Configuration is { } c ? Answer(await c.SaveAsync(await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)) : NoConfiguration());
        configuration.MapGet("/backup", (AdminContext context) => context.Configuration is { } c
            ? Results.Text(c.ExportBackup(), "application/json", Encoding.UTF8)
            : NoConfiguration());
        configuration.MapPost("/restore", async (AdminContext context, HttpRequest request, CancellationToken cancellationToken) =>
            context.Configuration is { } c ? Answer(await c.RestoreAsync(await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)) : NoConfiguration());
    }

    private static IResult Answer(AdminSaveResult result) => result.Saved
        ? Results.Json(result, ApiJson.Options)
        : Results.Json(new { error = "invalid configuration: nothing was saved", errors = result.Errors }, ApiJson.Options, statusCode: StatusCodes.Status422UnprocessableEntity);

    private static IResult NoConfiguration() => Results.Json(new ApiError("this box gives the admin site no configuration"), ApiJson.Options, statusCode: StatusCodes.Status404NotFound);

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
