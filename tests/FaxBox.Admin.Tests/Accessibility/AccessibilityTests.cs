using System.Text.RegularExpressions;
using FaxBox.Admin.Settings;
using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.Admin.Tests.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Accessibility;

/// <summary>
/// Every page of the site — the Razor pages in the app's endpoint list, so a page added later is covered or this test
/// says it has no sample for it — opened in Chromium and checked by <see cref="AccessibilityAudit"/>: the settings and
/// diagnostics pages on the real box, the fax pages (a received fax, a job) and the first-run set-up on a test site
/// with a real fax server.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [Fact]
    public async Task Every_page_has_a_lang_a_title_labelled_controls_ordered_headings_alt_text_and_unique_ids()
    {
        var problems = new List<string>();
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // page routes are case-insensitive

        await using (var site = await FaxTestSite.StartAsync())
        {
            var patterns = PagePatterns(site.Site);
            var page = await browser.NewPageAsync(site.BaseAddress);
            await AuditAsync(page, "/setup", "/setup", problems, visited); // no password yet: the first-run step
            await site.Site.LoginAsync(page);
            var fax = await site.ReceiveAsync(pages: 2);
            using var tiff = TestPaths.NewTempFolder();
            await File.WriteAllBytesAsync(tiff.File("page.tif"), Faxes.FaxesPagesTests.Tiff(1));
            var job = await site.Server.SubmitAsync(new FaxBox.FaxServer.FaxSubmission([new(tiff.File("page.tif"))], "0301234567", "test"), CancellationToken.None);
            foreach (var (pattern, path) in new[] { ("/faxes", "/faxes"), ("/faxes/send", "/faxes/send"), ("/faxes/inbox/{id}", $"/faxes/inbox/{fax.Id}"), ("/faxes/jobs/{id:long}", $"/faxes/jobs/{job.Id}"), ("/", "/"), ("/security", "/security") })
            {
                await AuditAsync(page, pattern, path, problems, visited);
            }

            var anonymous = await browser.NewPageAsync(site.BaseAddress);
            await AuditAsync(anonymous, "/login", "/login", problems, visited);
            await AuditAsync(page, "/logout", "/logout", problems, visited); // signs out and lands on the login page

            await using var box = await RunningBox.StartAsync();
            var boxPage = await browser.NewPageAsync(box.BaseAddress);
            await RunningBox.LoginAsync(boxPage);
            await AuditAsync(boxPage, "/settings", "/settings", problems, visited);
            await AuditAsync(boxPage, "/settings/json", "/settings/json", problems, visited);
            foreach (var section in SettingsSection.All)
            {
                await AuditAsync(boxPage, "/settings/{id}", "/settings/" + section.Id, problems, visited);
            }

            await AuditAsync(boxPage, "/diagnostics", "/diagnostics", problems, visited);
            await AuditAsync(boxPage, "/diagnostics/logs", "/diagnostics/logs", problems, visited);
            await boxPage.GotoAsync("/diagnostics");
            await boxPage.GetByLabel("Number to fax").FillAsync("999");
            await boxPage.GetByRole(AriaRole.Button, new() { Name = "Send a test page" }).ClickAsync();
            await Assertions.Expect(boxPage).ToHaveURLAsync(new Regex("/diagnostics/runs/[^/]+$"));
            await Assertions.Expect(boxPage.Locator("#run-summary")).ToContainTextAsync("FAIL", new() { Timeout = 60_000 });
            await AuditAsync(boxPage, "/diagnostics/runs/{id}", null, problems, visited);
            await BrowserFixture.ScreenshotAsync(boxPage, "accessibility-diagnostics-run");

            problems.AddRange(patterns.Where(p => !visited.Contains(p)).Select(p => $"{p}: a page with no sample in this test"));
        }

        Assert.True(problems.Count == 0, "accessibility problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_audit_finds_each_kind_of_problem_on_a_page_that_has_them()
    {
        await using var site = await AdminTestSite.StartAsync();
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.SetContentAsync("""
            <html><head></head><body>
              <h2>Starts at h2</h2><h4>skips h3</h4>
              <form><input type="text" name="unlabelled"><label for="nowhere">Lost label</label>
                <select id="pick"></select><button type="submit"></button><input type="hidden" name="fine"></form>
              <img src="x.png"><svg width="10" height="10"></svg><a href="/x"></a>
              <p id="twice">a</p><p id="twice">b</p><p aria-describedby="missing">c</p>
              <div aria-hidden="true"><input type="text" name="hidden-is-fine"></div>
            </body></html>
            """);

        var problems = await AccessibilityAudit.CheckAsync(page);

        string[] expected =
        [
            "html has no lang", "no title", "input[name=unlabelled]: form control without a label", "select#pick: form control without a label",
            "button: button without a name", "the first heading is not h1", "0 h1 headings", "heading h4 \"skips h3\" follows h2",
            "img (x.png): image without alt", "svg: picture without a name (title or aria-label)", "a: link without a name",
            "id \"twice\" used 2 times", "p: aria-describedby names a missing id \"missing\"", "label \"Lost label\" is for a missing id \"nowhere\"",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), problems.Order(StringComparer.Ordinal));

        await page.SetContentAsync("""<html lang="en"><head><title>t</title></head><body><h1>One</h1><h2>Two</h2><label for="a">A</label><input id="a"><img src="x.png" alt=""></body></html>""");
        Assert.Empty(await AccessibilityAudit.CheckAsync(page));
    }

    /// <summary>Opens <paramref name="path"/> (null: the page as it is) and adds what the audit finds, each with the page's address.</summary>
    private static async Task AuditAsync(IPage page, string pattern, string? path, List<string> problems, HashSet<string> visited)
    {
        if (path is not null)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
        }

        visited.Add(pattern);
        problems.AddRange((await AccessibilityAudit.CheckAsync(page)).Select(p => $"{new Uri(page.Url).PathAndQuery}: {p}"));
    }

    /// <summary>The site's Razor pages by route (the <c>Index</c> aliases folded into their folder's route).</summary>
    private static List<string> PagePatterns(AdminTestSite site) =>
        [.. EndpointProtectionTests.Endpoints(site)
            .Where(e => e.Endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.Pattern)
            .Where(p => !p.EndsWith("/Index", StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
}
