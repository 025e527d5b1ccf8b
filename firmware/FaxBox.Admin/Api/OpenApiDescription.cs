using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace FaxBox.Admin.Api;

/// <summary>
/// The OpenAPI 3.1 document of <c>/api/v1</c>, served by the box at <c>/api/v1/openapi.json</c> (behind the same session
/// or token as the API it describes). Built by Microsoft.AspNetCore.OpenApi from the mapped endpoints, so an endpoint
/// another area adds to the group is described without anyone editing a file; the document names both ways in
/// (bearer token, session cookie).
/// </summary>
internal static class OpenApiDescription
{
    /// <summary>Where the document is served.</summary>
    public const string Path = "/api/v1/openapi.json";

    public static void AddServices(IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "FaxBox admin API",
                    Version = "v1",
                    Description = "The box's JSON API: status, fax jobs (outbox), received faxes (inbox), documents and page previews. "
                        + "Authenticate with 'Authorization: Bearer TOKEN' (tokens are made on the admin site's security page) "
                        + "or a login session (state-changing calls then also need the RequestVerificationToken header).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token (fbx_…) from the security page",
                };
                document.Components.SecuritySchemes["session"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = Security.AdminSession.CookieName,
                    Description = "The login session of the admin site",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("session", document)] = [] });
                return Task.CompletedTask;
            });
        });

    /// <summary>Maps the document on the <c>/api/v1</c> group.</summary>
    public static void Map(RouteGroupBuilder api) => api.MapOpenApi("/openapi.json");
}
