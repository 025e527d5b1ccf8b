using System.Net;
using FaxBox.Admin.Tests.Infrastructure;

namespace FaxBox.Admin.Tests;

/// <summary>The site itself: it starts on a free port, serves its layout and its stylesheet, and refuses a busy address.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SiteTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_dashboard_renders_in_chromium_with_the_stylesheet_and_no_external_resource()
    {
        await using var site = await AdminTestSite.StartAsync();
        var page = await browser.NewPageAsync(site.BaseAddress);
        await site.LoginAsync(page);
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync("/");
        Assert.Equal("Dashboard", await page.Locator("h1").TextContentAsync());
        var color = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('nav a')).color");
        Assert.Equal("rgb(11, 92, 173)", color);
        Assert.All(requests, url => Assert.StartsWith(site.BaseAddress.ToString(), url, StringComparison.Ordinal));
        await BrowserFixture.ScreenshotAsync(page, "dashboard");
    }

    [Fact]
    public async Task Static_assets_are_served_with_a_cache_lifetime_and_unknown_names_are_404()
    {
        await using var site = await AdminTestSite.StartAsync();
        using var client = site.CreateClient();
        using var css = await client.GetAsync(new Uri("/static/site.css", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("max-age", css.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        using var missing = await client.GetAsync(new Uri("/static/..%2Fsecret", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_busy_address_is_an_error_that_names_admin_urls()
    {
        await using var first = await AdminTestSite.StartAsync();
        var busy = first.BaseAddress.ToString().TrimEnd('/');
        var e = await Assert.ThrowsAsync<IOException>(() => AdminTestSite.StartAsync(options: o => o.Urls = [busy]));
        Assert.Contains("admin.urls", e.Message, StringComparison.Ordinal);
        Assert.Contains(busy, e.Message, StringComparison.Ordinal);
    }
}
