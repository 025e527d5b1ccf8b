using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.Testing.Interop;
using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Diagnostics;

/// <summary>
/// The diagnostics pages in Chromium against the real box (<c>faxbox run</c> in-process, the host's own diagnostics):
/// the readiness test's quick sweep with its pass/fail summary, SIP OPTIONS against sipp, a trunk fax test that the
/// far end refuses, and the log view's filter.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DiagnosticsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_readiness_test_runs_its_quick_sweep_with_progress_and_a_pass_summary()
    {
        await using var box = await RunningBox.StartAsync();
        var page = await browser.NewPageAsync(box.BaseAddress);
        await page.GotoAsync("/diagnostics");
        await BrowserFixture.ScreenshotAsync(page, "diagnostics");
        await page.GetByLabel("Quick", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the readiness test" }).ClickAsync();

        // The page follows the run (diagnostics.js) and shows the summary once both calls are done.
        await Assertions.Expect(page.Locator("#run-summary")).ToContainTextAsync("PASS: 2 of 2 calls", new() { Timeout = 120_000 });
        Assert.Equal("Passed", await page.Locator("#run-state").TextContentAsync());
        var rows = page.Locator("#readiness-cases tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal(["pass", "pass"], await rows.Locator("td:nth-child(2)").AllTextContentsAsync());
        Assert.Contains("G.711 audio, clean", await rows.Nth(0).TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("call 2 of 2", await page.Locator("#run-progress").TextContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "diagnostics-readiness");
    }

    [Fact]
    public async Task SIP_OPTIONS_to_sipp_shows_its_answer_and_a_silent_target_shows_why_not()
    {
        await using var box = await RunningBox.StartAsync();
        var port = FreePorts.UdpAndTcp();
        var sipp = SippRunner.RunAsync(SippRunner.Scenario("uas-options.xml"), "127.0.0.1:9", [], TimeSpan.FromSeconds(30), localPort: port);
        await SippRunner.WaitListeningAsync(port);
        var page = await browser.NewPageAsync(box.BaseAddress);
        await page.GotoAsync("/diagnostics");

        await page.GetByLabel("SIP URI to ask").FillAsync($"sip:127.0.0.1:{port}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send OPTIONS" }).ClickAsync();

        var result = page.Locator(".options-result");
        await Assertions.Expect(result).ToContainTextAsync("200 OK", new() { Timeout = 15_000 });
        await Assertions.Expect(result).ToContainTextAsync("sipp-options-peer");
        await Assertions.Expect(result).ToContainTextAsync($"127.0.0.1:{port}");
        await BrowserFixture.ScreenshotAsync(page, "diagnostics-options");
        var (exit, output) = await sipp;
        Assert.True(exit == 0, output);

        await page.GetByLabel("SIP URI to ask").FillAsync("mailto:someone@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send OPTIONS" }).ClickAsync();
        await Assertions.Expect(page.Locator("#uri-error")).ToContainTextAsync("is not a sip: or sips: URI");
    }

    [Fact]
    public async Task A_trunk_fax_test_the_far_end_refuses_fails_after_one_attempt_with_the_reason()
    {
        var sipPort = FreePorts.UdpAndTcp();
        await using var box = await RunningBox.StartAsync(sipPort); // the trunk leads back to the box, which has no number 999
        var page = await browser.NewPageAsync(box.BaseAddress);
        await page.GotoAsync("/diagnostics");

        await page.GetByLabel("Number to fax").FillAsync("999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test page" }).ClickAsync();

        await Assertions.Expect(page.Locator("#run-summary")).ToContainTextAsync("FAIL", new() { Timeout = 60_000 });
        Assert.Equal("Failed", await page.Locator("#run-state").TextContentAsync());
        var progress = await page.Locator("#run-progress").TextContentAsync();
        Assert.Contains("queued: 1 test page to 999", progress, StringComparison.Ordinal);
        // The far end's refusal is final (failed) or retryable (cancelled after the one attempt): either way, with why.
        var summary = await page.Locator("#run-summary").TextContentAsync();
        Assert.Matches("^FAIL: failed(, cancelled after its first attempt)?: .+", summary);
        Assert.Contains("job 1: failed", progress + summary, StringComparison.Ordinal);
        Assert.Contains("404 Not Found", summary, StringComparison.Ordinal); // the box itself has no number 999
        await BrowserFixture.ScreenshotAsync(page, "diagnostics-trunk");
    }

    [Fact]
    public async Task The_log_view_filters_by_level_and_text()
    {
        await using var box = await RunningBox.StartAsync();
        var page = await browser.NewPageAsync(box.BaseAddress);

        // A change that waits for a restart logs a warning; the box logged what it watches at information when it started.
        await page.GotoAsync("/settings/general");
        await page.GetByLabel("name", new() { Exact = true }).FillAsync("renamed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".save-result")).ToContainTextAsync("Applies after a restart");

        await page.GotoAsync("/diagnostics/logs");
        var table = page.Locator(".log-table tbody");
        await Assertions.Expect(table).ToContainTextAsync("configuration: watching");
        await Assertions.Expect(table).ToContainTextAsync("take effect only after a restart");

        await page.GetByLabel("Level and above").SelectOptionAsync("warning");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(table).ToContainTextAsync("take effect only after a restart");
        await Assertions.Expect(table).Not.ToContainTextAsync("configuration: watching");
        Assert.All(await table.Locator("td.level").AllTextContentsAsync(), level => Assert.Contains(level, new[] { "Warning", "Error", "Critical" }));

        await page.GetByLabel("Level and above").SelectOptionAsync("information");
        await page.GetByLabel("Containing").FillAsync("WATCHING");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(table).ToContainTextAsync("configuration: watching");
        await Assertions.Expect(table).Not.ToContainTextAsync("take effect only after a restart");
        await BrowserFixture.ScreenshotAsync(page, "diagnostics-log");
        Assert.DoesNotContain("trunk-secret-1", await page.ContentAsync(), StringComparison.Ordinal);
    }
}
