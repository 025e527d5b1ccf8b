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
        await RunningBox.LoginAsync(page);
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
        await RunningBox.LoginAsync(page);
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
        await RunningBox.LoginAsync(page);
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
        await RunningBox.LoginAsync(page);

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

    /// <summary>
    /// A packet capture of a real call: the trunk fax test faxes the box's own number 300 (the trunk leads back to the box),
    /// which answers as a fax terminal and switches to T.38; the capture holds the call's SIP, RTP and UDPTL, as tshark
    /// decodes them from the downloaded file.
    /// </summary>
    [Fact]
    public async Task A_packet_capture_of_a_call_downloads_as_pcap_with_its_SIP_RTP_and_UDPTL()
    {
        var sipPort = FreePorts.UdpAndTcp();
        await using var box = await RunningBox.StartAsync(sipPort);
        var page = await browser.NewPageAsync(box.BaseAddress);
        await RunningBox.LoginAsync(page);
        await page.GotoAsync("/diagnostics");
        await page.GetByLabel("Stop recording after").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start capture" }).ClickAsync();
        await Assertions.Expect(page.Locator("#capture-status")).ToContainTextAsync("Capturing since");

        await page.GetByLabel("Number to fax").FillAsync("300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test page" }).ClickAsync();
        await Assertions.Expect(page.Locator("#run-progress")).ToContainTextAsync("sending", new() { Timeout = 30_000 });

        // Wait (bounded) until the capture so far holds T.38: the answering terminal re-INVITEs once it has sent CED.
        var partial = Path.Combine(box.DataFolder, "diagnostics", "capture.pcap.part");
        var copy = Path.Combine(box.DataFolder, "so-far.pcap");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var seen = 0;
        while (seen == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            File.Copy(partial, copy, overwrite: true);
            seen = await CountAsync(copy, "t38");
        }

        Assert.True(seen > 0, "no UDPTL (T.38) in the capture within 60 s of the call");

        await page.GotoAsync("/diagnostics");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop capture" }).ClickAsync();
        await Assertions.Expect(page.Locator("#capture-status")).ToContainTextAsync("Last capture");
        await BrowserFixture.ScreenshotAsync(page, "diagnostics-capture");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#capture-download").ClickAsync());
        Assert.EndsWith(".pcap", download.SuggestedFilename, StringComparison.Ordinal);
        var file = Path.Combine(box.DataFolder, "call.pcap");
        await download.SaveAsAsync(file);

        var invites = await Tshark.FieldsAsync(file, "sip.Method == \"INVITE\"", "sip.r-uri", "sdp.media");
        Assert.True(invites.Length >= 2, string.Join("\n", invites)); // the call and the T.38 re-INVITE
        Assert.Contains(invites, l => l.Contains("300@", StringComparison.Ordinal));
        Assert.Contains(invites, l => l.Contains("udptl t38", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(await Tshark.FieldsAsync(file, "sip.Status-Code == 200", "sip.Status-Code"));
        Assert.NotEmpty(await Tshark.FieldsAsync(file, "rtp", "rtp.p_type"));
        Assert.NotEmpty(await Tshark.FieldsAsync(file, "t38", "t38.seq_number")); // UDPTL, dissected as T.38 from the re-INVITE's SDP
        // Nothing the tap wrote is malformed. (Wireshark 4 flags the box's t4-non-ecm-sig-end IFPs "Malformed?" inside
        // T.38: the T.38 encoder's business, not the capture's.)
        Assert.Empty(await Tshark.FieldsAsync(file, "_ws.malformed && !t38", "frame.number"));
    }

    /// <summary>Packets matching <paramref name="filter"/> in a capture that may end mid-record (tshark's exit code ignored).</summary>
    private static async Task<int> CountAsync(string file, string filter)
    {
        await using var process = ExternalProcess.Start(ExternalProcess.Which("tshark"), ["-n", "-r", file, "-Y", filter, "-T", "fields", "-e", "frame.number"], Path.GetDirectoryName(file)!);
        await process.WaitAsync(TimeSpan.FromSeconds(60));
        return process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => int.TryParse(l.Trim(), out _));
    }
}
