using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using FaxBox.Admin.Tests.Infrastructure;

namespace FaxBox.Admin.Tests.Security;

/// <summary>API tokens through the security page: created (shown once), used, revoked; stored hashed; session calls need antiforgery.</summary>
public sealed partial class ApiTokenTests
{
    [Fact]
    public async Task A_token_created_on_the_security_page_opens_the_api_until_it_is_revoked()
    {
        await using var site = await AdminTestSite.StartAsync();
        using var admin = await site.CreateAuthenticatedClientAsync();
        using var created = await AdminTestSite.PostFormAsync(admin, "/security?handler=CreateToken", new() { ["name"] = "backup script" }, "/security");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var html = await created.Content.ReadAsStringAsync();
        var secret = NewToken().Match(html).Groups[1].Value;
        Assert.StartsWith("fbx_", secret, StringComparison.Ordinal);

        // Stored as a hash only; shown once.
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(site.Credentials.TokensPath), StringComparison.Ordinal);
        Assert.DoesNotContain(secret[13..], await admin.GetStringAsync(new Uri("/security", UriKind.Relative)), StringComparison.Ordinal);

        using var script = site.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var status = await script.GetAsync(new Uri("/api/v1/status", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            Assert.Contains("testbox", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var id = Assert.Single(site.Credentials.ListTokens()).Id;
        Assert.Equal(secret[4..12], id);
        using var revoked = await AdminTestSite.PostFormAsync(admin, "/security?handler=RevokeToken", new() { ["id"] = id }, "/security");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Empty(site.Credentials.ListTokens());
        using var after = await script.GetAsync(new Uri("/api/v1/status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("invalid_token", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_tokens_cannot_share_a_name_and_an_empty_name_is_refused()
    {
        await using var site = await AdminTestSite.StartAsync();
        using var admin = await site.CreateAuthenticatedClientAsync();
        using var first = await AdminTestSite.PostFormAsync(admin, "/security?handler=CreateToken", new() { ["name"] = "nightly" }, "/security");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var twice = await AdminTestSite.PostFormAsync(admin, "/security?handler=CreateToken", new() { ["name"] = "Nightly" }, "/security");
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("a token named &#x27;Nightly&#x27; exists already", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var empty = await AdminTestSite.PostFormAsync(admin, "/security?handler=CreateToken", new() { ["name"] = "  " }, "/security");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Single(site.Credentials.ListTokens());
    }

    [Fact]
    public async Task A_state_changing_api_call_with_a_session_needs_the_antiforgery_header_and_one_with_a_token_does_not()
    {
        await using var box = await FaxServerSite.StartAsync();
        var site = box.Site;
        using var admin = await site.CreateAuthenticatedClientAsync();
        using (var withHeader = await admin.PostAsync(new Uri("/api/v1/jobs/42/cancel", UriKind.Relative), null))
        {
            // Through the filter to the fax server: there is no job 42.
            Assert.Equal(HttpStatusCode.NotFound, withHeader.StatusCode);
        }

        admin.DefaultRequestHeaders.Remove("RequestVerificationToken");
        using (var withoutHeader = await admin.PostAsync(new Uri("/api/v1/jobs/42/cancel", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, withoutHeader.StatusCode);
            Assert.Contains("antiforgery", await withoutHeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var read = await admin.GetAsync(new Uri("/api/v1/jobs", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var (_, secret) = site.Credentials.CreateToken("script");
        using var script = site.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var scripted = await script.PostAsync(new Uri("/api/v1/jobs/42/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, scripted.StatusCode);
    }

    [GeneratedRegex("id=\"new-token\" class=\"secret\" readonly value=\"([^\"]+)\"")]
    private static partial Regex NewToken();
}
