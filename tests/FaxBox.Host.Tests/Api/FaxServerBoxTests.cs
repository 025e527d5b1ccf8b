using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.Fax.Documents;
using FaxBox.Host.Api;
using FaxBox.Host.Configuration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FaxBox.Host.Tests.Api;

/// <summary>
/// The whole box as a fax server, in real time, on the simulator board: <c>faxbox send</c> queues a PDF (rasterised by
/// Ghostscript) that the box's own terminal sends over T.38 out of the FXO line to the virtual exchange's fax machine,
/// while the fax machine on FXS 0 dials the box's own number and its fax lands in the inbox. The machine sends a one-page
/// letter: the simulator's generated test page (fine, with a dithered grey ramp) would keep phase C busy for about 100 s
/// at 14,400 bit/s (see CallControl's TerminalCallTests.One_box_hairpins_its_fax_machine_to_its_own_terminal_number),
/// longer than this run. The same run drives the admin web site in Chromium: the dashboard shows both faxes, the inbox
/// previews and downloads the received one, the job's page draws the real T.30 ladder of the sent one, and a fax sent
/// from the form is seen on its call (screenshots in artifacts/screenshots/box-*.png).
/// </summary>
public sealed class FaxServerBoxTests
{
    [Fact]
    public async Task The_box_sends_a_PDF_from_faxbox_send_and_receives_the_fax_machines_fax_into_its_inbox()
    {
        using var folder = TestPaths.NewTempFolder();
        var port = FreeUdpPort();
        var admin = new Uri($"http://127.0.0.1:{FreeTcpPort()}/");
        var letter = MachineLetter(folder);
        var board = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Repository, "board-config", "simulator.json"))).RootElement.GetRawText()
            .Replace("\"send\": {", $"\"send\": {{ \"document\": {JsonSerializer.Serialize(letter)},", StringComparison.Ordinal)
            .Replace("\"to\": \"200\"", "\"to\": \"300\"", StringComparison.Ordinal)
            .Replace("\"atSeconds\": 5", "\"atSeconds\": 40", StringComparison.Ordinal)
            .Replace("\"$schema\": \"./board.schema.json\",", string.Empty, StringComparison.Ordinal);
        Assert.Contains("\"to\": \"300\"", board, StringComparison.Ordinal);
        Assert.Contains("\"document\":", board, StringComparison.Ordinal);
        File.WriteAllText(folder.File("board.json"), board);
        var json = FaxBoxConfiguration.EmbeddedDefaultText()
            .Replace("\"board\": \"simulator\"", "\"board\": \"board.json\"", StringComparison.Ordinal)
            .Replace("\"port\": 5060", $"\"port\": {port}", StringComparison.Ordinal)
            .Replace("127.0.0.1:5060", $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("\"embeddedPort\": 1883", $"\"embeddedPort\": {FreeTcpPort()}", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:8080", admin.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("\"~/.local/share/faxbox\"", $"\"{folder.Path}/data\"", StringComparison.Ordinal);
        Assert.Contains("\"numbers\": [\"300\"]", json, StringComparison.Ordinal); // the built-in default's terminal number
        var config = folder.File("faxbox.json");
        File.WriteAllText(config, json);
        var pdf = folder.File("letter.pdf");
        Ghostscript(pdf, "/Helvetica findfont 36 scalefont setfont 72 700 moveto (FaxBox send test) show 144 144 216 216 rectfill showpage");

        // Stopped once everything is checked; --for only bounds a test that hangs.
        using var stopBox = new CancelOnDispose();
        var box = Task.Run(() => CommandLineRunner.RunAsync(stopBox.Source.Token, "run", "--config", config, "--for", "00:06:00"));
        var socket = Path.Combine(folder.Path, "data", LocalApiOptions.DefaultSocketName);
        await WaitForAsync(() => File.Exists(socket) || box.IsCompleted, TimeSpan.FromSeconds(60));
        if (!File.Exists(socket))
        {
            var (code, stdout, stderr) = await box;
            Assert.Fail($"the box stopped before its local API was up (exit {code}):\n{stdout}\n{stderr}");
        }

        var send = await Task.Run(() => CommandLineRunner.Run("send", pdf, "--to", "200", "--socket", socket, "--timeout", "00:01:30"));

        Assert.True(send.ExitCode == 0, send.Output + send.Error);
        Assert.Contains("queued: 1 page(s) to 200", send.Output, StringComparison.Ordinal);
        Assert.Contains("sent: 1 of 1 page(s)", send.Output, StringComparison.Ordinal);
        var received = Directory.GetFiles(Path.Combine(folder.Path, "data", "simulator", "received"), "*.tif");
        var job = Directory.GetFiles(Path.Combine(folder.Path, "data", "outbox"), "*.tif");
        Assert.Single(received);
        Assert.Single(job);
        Assert.True(FaxDocumentComparer.Compare(job[0], received[0]).Identical, "the PSTN machine's page differs from the job's");

        using var client = LocalApiClient.Create(socket, TimeSpan.FromSeconds(10));
        string inbox = "[]";
        await WaitForAsync(
            async () => (inbox = await client.GetStringAsync(new Uri("api/v1/inbox", UriKind.Relative))).Contains("\"success\":true", StringComparison.Ordinal),
            TimeSpan.FromSeconds(100));
        var fax = JsonDocument.Parse(inbox).RootElement.EnumerateArray().Single();
        Assert.Equal("300", fax.GetProperty("calledNumber").GetString());
        Assert.Equal(1, fax.GetProperty("pages").GetInt32());
        var id = fax.GetProperty("id").GetString()!;
        var tiff = await client.GetByteArrayAsync(new Uri($"api/v1/inbox/{id}/document.tif", UriKind.Relative));
        File.WriteAllBytes(folder.File("inbox.tif"), tiff);
        Assert.True(
            FaxDocumentComparer.Compare(letter, folder.File("inbox.tif")).Identical,
            "the inbox page differs from what the fax machine sent");
        using var pdfResponse = await client.GetAsync(new Uri($"api/v1/inbox/{id}/document.pdf", UriKind.Relative));
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        using var traversal = await client.GetAsync(new Uri("api/v1/inbox/..%2F..%2Ffaxserver.db/document.tif", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);

        await DriveAdminSiteAsync(admin, id, pdf);

        stopBox.Source.Cancel();
        var (exit, output, error) = await box;
        Assert.True(exit == 0, error);
        Assert.Contains("on terminal (outbound 200): ok, 1 page(s)", output, StringComparison.Ordinal);
        Assert.Contains("on terminal (inbound", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The admin site of the running box in Chromium: dashboard, inbox with the received fax's preview and PDF, the sent
    /// job's record with the T.30 ladder the terminal recorded, and a second fax sent from the form, seen on its call.
    /// </summary>
    private static async Task DriveAdminSiteAsync(Uri admin, string faxId, string pdf)
    {
        var browser = new BrowserFixture();
        await browser.InitializeAsync();
        try
        {
            await DriveAsync(await browser.NewPageAsync(admin), faxId, pdf);
        }
        finally
        {
            await browser.DisposeAsync();
        }
    }

    private static async Task DriveAsync(IPage page, string faxId, string pdf)
    {
        // The box runs beside the other test lane on two cores, sending and receiving at once: a step may take longer
        // than the admin tests' 15 s (CI once timed out waiting for the page after set-up).
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        SetDefaultExpectTimeout(60_000); // this project's only browser test

        // A new box has no password: from the box itself (loopback) the first visit is the set-up step.
        await page.GotoAsync("/");
        Assert.Contains("/setup", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("New password").FillAsync("box test password 1");
        await page.GetByLabel("Repeat the password").FillAsync("box test password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/setup", StringComparison.Ordinal));
        await page.GotoAsync("/");
        await Expect(page.Locator("#live")).ToHaveTextAsync(new Regex("^Live"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#faxes tr.ok, #faxes td.ok').length >= 2"); // the sent and the received fax
        await Expect(page.Locator("#ports")).ToContainTextAsync("fxs0");
        await BrowserFixture.ScreenshotAsync(page, "box-dashboard");

        await page.GotoAsync("/faxes");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.thumb')].every(i => i.complete && i.naturalWidth > 0)");
        await BrowserFixture.ScreenshotAsync(page, "box-faxes");

        await page.GotoAsync($"/faxes/inbox/{faxId}");
        await page.WaitForFunctionAsync("() => document.getElementById('page-image').naturalWidth === 864");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Single(Regex.Matches(System.Text.Encoding.Latin1.GetString(bytes), @"/Type /Page\b(?!s)"));
        await BrowserFixture.ScreenshotAsync(page, "box-received-fax");

        // The job sent by faxbox send: its attempt's record has the frames the box's terminal exchanged.
        await page.GotoAsync("/faxes/jobs/1");
        await Expect(page.Locator("#job-state")).ToHaveTextAsync("sent");
        foreach (var frame in new[] { "DIS", "DCS", "CFR", "MCF", "DCN" })
        {
            Assert.True(await page.Locator($"svg.ladder g.frame[data-name={frame}]").CountAsync() > 0, $"no {frame} on the ladder");
        }

        await BrowserFixture.ScreenshotAsync(page, "box-job-ladder");

        await page.GotoAsync("/faxes/send");
        await page.GetByLabel("Fax number or SIP address").FillAsync("200");
        await page.Locator("#files").SetInputFilesAsync(pdf);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/faxes/jobs/2$"));
        await Expect(page.Locator("#job-state")).ToHaveTextAsync("sending", new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "box-job-from-form");

        // Its call shows live on the dashboard. (It cannot finish before this run's 2.5 minutes are over; the form's job
        // followed to sent on its page and the dashboard is FaxBox.Admin.Tests' FaxesBrowserTests, on a scripted call.)
        await page.GotoAsync("/");
        await Expect(page.Locator("#calls")).ToContainTextAsync("200", new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "box-dashboard-sending");
    }

    private static int FreeTcpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>The fax machine's document: a letter page of text and a box, rasterised by Ghostscript and made TIFF-F.</summary>
    private static string MachineLetter(TempFolder folder)
    {
        var raw = folder.File("machine-raw.tif");
        using (var gs = System.Diagnostics.Process.Start("gs", ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffg4", "-r204x196", "-g1728x2156", "-o", raw, "-c", "/Helvetica findfont 40 scalefont setfont 72 650 moveto (LAPTOP FAX to the inbox) show 72 400 288 72 rectfill showpage"])!)
        {
            Assert.True(gs.WaitForExit(TimeSpan.FromSeconds(60)) && gs.ExitCode == 0, "gs failed");
        }

        var letter = folder.File("machine-letter.tif");
        FaxNormalizer.Normalize(raw, letter);
        return letter;
    }

    private static void Ghostscript(string pdf, string postScript)
    {
        using var gs = System.Diagnostics.Process.Start("gs", ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite", "-o", pdf, "-c", postScript])!;
        Assert.True(gs.WaitForExit(TimeSpan.FromSeconds(60)) && gs.ExitCode == 0, "gs failed");
    }

    private static Task WaitForAsync(Func<bool> condition, TimeSpan limit) => WaitForAsync(() => Task.FromResult(condition()), limit);

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {limit}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Cancels when disposed, so a failed test stops its box too.</summary>
    private sealed class CancelOnDispose : IDisposable
    {
        public CancellationTokenSource Source { get; } = new();

        public void Dispose()
        {
            Source.Cancel();
            Source.Dispose();
        }
    }
}
