using FaxBox.Admin.Api;
using FaxBox.FaxServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FaxBox.Admin.Faxes;

/// <summary>
/// Inbox and outbox pages, the page viewer, the send form and each fax's record with its T.30 ladder. The pages' images
/// and downloads are served under <c>/faxes/</c> (behind the site's login like the pages; the same handlers as
/// <c>/api/v1</c>'s, so ids are validated before any path is built and download names are made from them, never from
/// the request).
/// </summary>
internal static class FaxesArea
{
    public static void AddServices(IServiceCollection services) => ArgumentNullException.ThrowIfNull(services);

    /// <summary>Maps the area's endpoints: pages' helpers on <paramref name="app"/>, JSON on <paramref name="api"/> (<c>/api/v1</c>, protected).</summary>
    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
        var context = app.Services.GetRequiredService<AdminContext>();
        if (context.FaxServer is not { } server)
        {
            return;
        }

        var faxes = app.MapGroup("/faxes");
        faxes.MapGet("/inbox/{id}/document.{format}", (string id, string format) =>
            server.Inbox.GetDocumentPath(id) is { } path ? FaxServerEndpoints.Document(path, $"fax-{id}", format) : FaxServerEndpoints.NotFound($"fax {FaxServerEndpoints.Printable(id)}"));
        faxes.MapGet("/inbox/{id}/pages/{page:int}.png", (string id, int page, int? width) =>
            server.Inbox.GetDocumentPath(id) is { } path ? FaxServerEndpoints.Preview(path, page, width) : FaxServerEndpoints.NotFound($"fax {FaxServerEndpoints.Printable(id)}"));
        faxes.MapGet("/jobs/{id:long}/document.{format}", (long id, string format) =>
            server.Jobs.Get(id) is { } job ? FaxServerEndpoints.Document(job.DocumentPath, $"job-{id}", format) : FaxServerEndpoints.NotFound($"job {id}"));
        faxes.MapGet("/jobs/{id:long}/pages/{page:int}.png", (long id, int page, int? width) =>
            server.Jobs.Get(id) is { } job ? FaxServerEndpoints.Preview(job.DocumentPath, page, width) : FaxServerEndpoints.NotFound($"job {id}"));
        faxes.MapGet("/jobs/{id:long}/progress", (long id) =>
            server.Jobs.Get(id) is { } job ? Results.Json(FaxServerEndpoints.ToDto(server, job), ApiJson.Options) : FaxServerEndpoints.NotFound($"job {id}"));
    }

    /// <summary>The fax server, or null when the box runs without one (the pages say so).</summary>
    public static FaxServerService? Server(HttpContext http) => http.RequestServices.GetRequiredService<AdminContext>().FaxServer;
}
