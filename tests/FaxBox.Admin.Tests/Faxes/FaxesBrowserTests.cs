using System.Text;
using System.Text.RegularExpressions;
using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.Core.Status;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FaxBox.Admin.Tests.Faxes;

/// <summary>The dashboard and the faxes pages in Chromium: live updates, sending from the form, the viewer and the downloads.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FaxesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_dashboard_updates_live_when_the_status_board_changes()
    {
        await using var site = await AdminTestSite.StartAsync();
        site.Status.SetState(BoxState.Running);
        var page = await browser.NewPageAsync(site.BaseAddress);
        await site.LoginAsync(page);
        await page.GotoAsync("/");
        await Expect(page.Locator("#live")).ToHaveTextAsync(new Regex("^Live · version"));
        await Expect(page.Locator("#ports")).ToContainTextAsync("No line ports configured.");

        site.Status.SetPort(new PortStatus("fxs1", PortKind.Fxs, PortState.Ringing, "101", "trunk", "c9", DateTimeOffset.UtcNow));
        site.Status.SetCall(new CallStatus("c9", "fxs1", "inbound", "101", "0409999", CallMediaMode.G711Fax, DateTimeOffset.UtcNow));
        site.Status.ReportFaxProgress(new FaxProgress("c9", "fxs1", "B", 0, 9_600, false, DateTimeOffset.UtcNow));
        await Expect(page.Locator("#ports")).ToContainTextAsync("ringing");
        await Expect(page.Locator("#calls")).ToContainTextAsync("negotiated, 9600 bit/s");
        await Expect(page.Locator("#calls")).ToContainTextAsync("G.711");

        site.Status.RemoveCall("c9");
        site.Status.SetQueue(new QueueStatus(0, 0, null, 2));
        await Expect(page.Locator("#calls")).ToContainTextAsync("No calls.");
        await Expect(page.Locator("#queue [data-key=inboxUndelivered]")).ToHaveTextAsync("2");
        await Expect(page.Locator("#health")).ToContainTextAsync("2 received fax(es) not delivered yet");
    }

    [Fact]
    public async Task A_fax_sent_from_the_form_is_followed_to_sent_on_its_page_and_on_the_dashboard()
    {
        await using var site = await FaxTestSite.StartAsync();
        var page = await browser.NewPageAsync(site.BaseAddress);
        await site.Site.LoginAsync(page);
        var dashboard = await page.Context.NewPageAsync();
        await dashboard.GotoAsync("/");
        await Expect(dashboard.Locator("#live")).ToHaveTextAsync(new Regex("^Live"));

        await page.GotoAsync("/faxes/send");
        await page.GetByLabel("Fax number or SIP address").FillAsync("0301234567");
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "letter.tif", MimeType = "image/tiff", Buffer = FaxesPagesTests.Tiff(2) });
        await page.GetByLabel("Add a cover page").CheckAsync();
        await page.GetByLabel("Subject").FillAsync("Order 4711");
        await BrowserFixture.ScreenshotAsync(page, "faxes-send");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/faxes/jobs/[0-9]+$"));
        await Expect(page.Locator("#job-state")).ToHaveTextAsync(new Regex("queued|sending"));

        var call = await site.Caller.CallAsync(0);
        await Expect(dashboard.Locator("#calls")).ToContainTextAsync("0301234567");
        call.Step("B", 0);
        call.Step("D", 1);
        await Expect(dashboard.Locator("#calls")).ToContainTextAsync("page 1 done, 14400 bit/s ECM");
        await Expect(page.Locator("#job-state")).ToHaveTextAsync("sending");
        call.End(sent: true, pages: 3);

        await Expect(dashboard.Locator("#faxes")).ToContainTextAsync("ok");
        await Expect(dashboard.Locator("#calls")).ToContainTextAsync("No calls.");
        await Expect(page.Locator("#job-state")).ToHaveTextAsync("sent", new() { Timeout = 20_000 });
        await Expect(page.Locator("svg.ladder g.frame")).ToHaveCountAsync(Ladders.Sent(3).Length);
        await BrowserFixture.ScreenshotAsync(page, "faxes-job-sent");
        await BrowserFixture.ScreenshotAsync(dashboard, "dashboard-after-send");
    }

    [Fact]
    public async Task A_received_fax_opens_in_the_viewer_and_downloads_as_PDF()
    {
        await using var site = await FaxTestSite.StartAsync();
        var fax = await site.ReceiveAsync(pages: 2);
        var page = await browser.NewPageAsync(site.BaseAddress);
        await site.Site.LoginAsync(page);
        await page.GotoAsync("/faxes");
        await Expect(page.Locator("#inbox img.thumb")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#inbox img.thumb'); return i.complete && i.naturalWidth === 128; }");
        await BrowserFixture.ScreenshotAsync(page, "faxes-inbox-outbox");

        await page.GetByRole(AriaRole.Link, new() { Name = "Page 1 of the fax from 4940999" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/faxes/inbox/{fax.Id}$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Page 2", Exact = true }).ClickAsync();
        await Expect(page.Locator("#page-image")).ToHaveAttributeAsync("src", new Regex("/pages/2\\.png"));
        await page.WaitForFunctionAsync("() => document.getElementById('page-image').naturalWidth === 864");
        await Expect(page.Locator("svg.ladder")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "faxes-received-record");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        Assert.Equal($"fax-{fax.Id}.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.Equal(2, PdfPage().Matches(Encoding.Latin1.GetString(pdf)).Count);
    }

    [Fact]
    public async Task An_upload_over_the_limit_shows_a_clear_message_on_the_form()
    {
        await using var site = await FaxTestSite.StartAsync(o => o.MaxUploadBytes = 64 * 1024);
        var page = await browser.NewPageAsync(site.BaseAddress);
        await site.Site.LoginAsync(page);
        await page.GotoAsync("/faxes/send");
        await page.GetByLabel("Fax number or SIP address").FillAsync("0301234567");
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "scan.pdf", MimeType = "application/pdf", Buffer = new byte[96 * 1024] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("at most 64 KB can be sent at once");
        Assert.Equal(0, site.Server.Jobs.List(new FaxBox.FaxServer.Queue.FaxJobQuery()).Total);
        await BrowserFixture.ScreenshotAsync(page, "faxes-send-too-large");
    }

    [GeneratedRegex(@"/Type /Page\b(?!s)")]
    private static partial Regex PdfPage();
}
