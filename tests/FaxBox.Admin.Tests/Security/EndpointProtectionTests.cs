using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaxBox.Admin.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FaxBox.Admin.Tests.Security;

/// <summary>
/// Every endpoint the site maps — enumerated from its <see cref="EndpointDataSource"/>, so pages and API calls other
/// areas add are covered without editing this file — is refused without a session or token, except set-up, login and
/// <c>/static</c>; and every <c>/api/v1</c> endpoint is in the OpenAPI document.
/// </summary>
public sealed partial class EndpointProtectionTests
{
    private static readonly string[] Anonymous = ["/login", "/setup", "/static/{name}"];

    [Fact]
    public async Task Only_setup_login_and_static_are_anonymous()
    {
        await using var box = await FaxServerSite.StartAsync();
        var anonymous = Endpoints(box.Site).Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.Pattern).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(Anonymous, anonymous);
    }

    [Fact]
    public async Task Without_a_session_every_page_redirects_to_login_and_every_api_call_is_401()
    {
        await using var box = await FaxServerSite.StartAsync();
        box.Site.EnsurePassword();
        using var client = box.Site.CreateClient();
        var checkedApi = 0;
        var checkedPages = 0;
        foreach (var (endpoint, pattern, methods) in Endpoints(box.Site).Where(e => !Anonymous.Contains(e.Pattern)))
        {
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Sample(pattern), UriKind.Relative));
                using var response = await client.SendAsync(request);
                if (pattern.StartsWith("/api/", StringComparison.Ordinal))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {pattern}: {(int)response.StatusCode}");
                    Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
                    checkedApi++;
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {pattern}: {(int)response.StatusCode}");
                    Assert.Contains("/login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
                    checkedPages++;
                }
            }
        }

        // The fax server's endpoints and the site's own pages were all there to be checked.
        Assert.True(checkedApi >= 16, $"{checkedApi} API calls checked");
        Assert.True(checkedPages >= 4, $"{checkedPages} page requests checked");
    }

    [Fact]
    public async Task A_wrong_or_revoked_token_opens_no_api_call_and_a_token_opens_no_page()
    {
        await using var box = await FaxServerSite.StartAsync();
        box.Site.EnsurePassword();
        var (token, secret) = box.Site.Credentials.CreateToken("script");
        Assert.True(box.Site.Credentials.RevokeToken(token.Id));
        var (_, valid) = box.Site.Credentials.CreateToken("other");
        using var client = box.Site.CreateClient();
        foreach (var (_, pattern, methods) in Endpoints(box.Site).Where(e => !Anonymous.Contains(e.Pattern)))
        {
            foreach (var method in methods)
            {
                var api = pattern.StartsWith("/api/", StringComparison.Ordinal);
                foreach (var bearer in api ? new[] { secret, "fbx_00000000_" + new string('A', 43), "not a token at all" } : [valid])
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Sample(pattern), UriKind.Relative));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                    using var response = await client.SendAsync(request);
                    var expected = api ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect;
                    Assert.True(response.StatusCode == expected, $"{method} {pattern} with token {bearer[..8]}…: {(int)response.StatusCode}");
                }
            }
        }
    }

    [Fact]
    public async Task Every_api_v1_endpoint_is_in_the_openapi_document_served_by_the_box()
    {
        await using var box = await FaxServerSite.StartAsync();
        box.Site.EnsurePassword();
        var (_, secret) = box.Site.Credentials.CreateToken("openapi");
        using var client = box.Site.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await client.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.RootElement.GetProperty("paths");
        var described = 0;
        foreach (var (_, pattern, methods) in Endpoints(box.Site).Where(e => e.Pattern.StartsWith("/api/v1/", StringComparison.Ordinal) && e.Pattern != "/api/v1/openapi.json"))
        {
            var path = Constraint().Replace(pattern, "}");
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
            foreach (var method in methods)
            {
                Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {path} is not in the OpenAPI document");
                described++;
            }
        }

        Assert.True(described >= 16, $"{described} operations");
        Assert.True(document.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
        Assert.All(paths.EnumerateObject(), p => Assert.StartsWith("/api/v1/", p.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_openapi_document_is_behind_the_login_too()
    {
        await using var box = await FaxServerSite.StartAsync();
        box.Site.EnsurePassword();
        using var client = box.Site.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var session = await box.Site.CreateAuthenticatedClientAsync();
        using var signedIn = await session.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    /// <summary>The site's route endpoints: pattern (leading slash) and the methods to try (pages: GET and POST).</summary>
    internal static IEnumerable<(RouteEndpoint Endpoint, string Pattern, IReadOnlyList<string> Methods)> Endpoints(AdminTestSite site)
    {
        var source = site.Site.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get, HttpMethods.Post];
            yield return (endpoint, pattern, methods.ToList());
        }
    }

    /// <summary>A concrete path for a pattern: numbers for numeric parameters, words for the rest.</summary>
    internal static string Sample(string pattern) =>
        Parameter().Replace(pattern, m => m.Groups[2].Value is ":int" or ":long" ? "1" : m.Groups[1].Value == "format" ? "pdf" : "x");

    [GeneratedRegex(@"\{\**([A-Za-z_]+)(:[a-z]+)?[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"(:[a-z]+|\?)\}")]
    private static partial Regex Constraint();
}
