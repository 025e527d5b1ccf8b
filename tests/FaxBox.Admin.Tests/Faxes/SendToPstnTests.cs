using System.Text.Json;
using System.Text.RegularExpressions;
using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.Fax.Documents;
using FaxBox.Host.Configuration;
using FaxBox.Testing.Interop;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FaxBox.Admin.Tests.Faxes;

/// <summary>
/// End to end on the real box (<c>faxbox run</c> in-process on the simulator board, its SIP account's trunk leading back
/// to itself): a one-page fax sent from the send form is dialled by the box's terminal, goes out of the FXO line to the
/// virtual exchange, where a fax machine answers as 200 and receives it; the job page follows it to "sent". Meanwhile the
/// fax machine on FXS 0 dials the box's own number 300, and its one-page fax is found in the inbox page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SendToPstnTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_fax_sent_from_the_form_reaches_the_pstn_fax_machine_and_the_machines_fax_reaches_the_inbox()
    {
        var sipPort = FreePorts.UdpAndTcp();
        await using var box = await RunningBox.StartAsync((folder, data) => SimulatorBox(folder, data, sipPort));
        var page = await browser.NewPageAsync(box.BaseAddress);
        await RunningBox.LoginAsync(page);
        using var client = await box.CreateAuthenticatedClientAsync();
        using var stopLog = new CancellationTokenSource();
        var boxLog = new SortedDictionary<long, string>();
        var logging = KeepBoxLogAsync(client, boxLog, stopLog.Token);

        await page.GotoAsync("/faxes/send");
        await page.GetByLabel("Fax number or SIP address").FillAsync("200");
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "one-page.tif", MimeType = "image/tiff", Buffer = FaxesPagesTests.Tiff(1) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/faxes/jobs/1$"));

        // The page follows the job (faxes.js) and reloads with the record when it ends.
        try
        {
            await Expect(page.Locator("#job-state")).ToHaveTextAsync("sent", new() { Timeout = 240_000 });
        }
        catch (PlaywrightException e)
        {
            await stopLog.CancelAsync();
            await logging;
            throw new InvalidOperationException($"the job did not end sent; the box said:\n{box.Output}\nits log:\n{string.Join("\n", boxLog.Values)}", e);
        }

        await Expect(page.Locator("#job-pages")).ToContainTextAsync("1 of 1");
        Assert.True(await page.Locator("svg.ladder g.frame[data-name=MCF]").CountAsync() > 0, "no MCF on the sent job's ladder");
        await BrowserFixture.ScreenshotAsync(page, "box-form-job-sent");
        var received = Directory.GetFiles(Path.Combine(box.DataFolder, "simulator", "received"), "*.tif");
        var sent = Directory.GetFiles(Path.Combine(box.DataFolder, "outbox"), "*.tif");
        Assert.True(FaxDocumentComparer.Compare(Assert.Single(sent), Assert.Single(received)).Identical, "the PSTN machine's page differs from the job's");

        // The machine on FXS 0 faxed the box's number 300: its fax in the inbox (delivery to the folder may lag the call).
        var row = page.Locator("#inbox tbody tr");
        for (var tries = 0; tries < 120; tries++)
        {
            await page.GotoAsync("/faxes");
            if (await row.CountAsync() > 0 && await row.Locator("td:nth-child(6)").GetAttributeAsync("class") == "ok")
            {
                break;
            }

            await Task.Delay(500);
        }

        await stopLog.CancelAsync();
        await logging;
        Assert.True(await row.CountAsync() == 1, $"the inbox has {await row.CountAsync()} faxes; the box's log:\n{string.Join("\n", boxLog.Values)}");
        Assert.Equal("300", await row.Locator("td:nth-child(4)").TextContentAsync());
        Assert.Equal("1", await row.Locator("td:nth-child(5)").TextContentAsync());
        Assert.Equal("ok", await row.Locator("td:nth-child(6)").GetAttributeAsync("class"));
        await row.Locator("td:nth-child(2) a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/faxes/inbox/[^/]+$"));
        await page.WaitForFunctionAsync("() => document.getElementById('page-image').naturalWidth === 1728 || document.getElementById('page-image').naturalWidth === 864");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Page 2", Exact = true })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "box-form-fax-received");
    }

    /// <summary>
    /// The built-in default (FXS 0 with a fax machine, FXO 1 on the virtual exchange whose machine answers 200, the
    /// terminal's number 300) on a free SIP port, the machine on FXS 0 dialling 300 ten seconds after the start.
    /// </summary>
    private static string SimulatorBox(string folder, string data, int sipPort)
    {
        var board = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Repository, "board-config", "simulator.json"))).RootElement.GetRawText()
            .Replace("\"to\": \"200\"", "\"to\": \"300\"", StringComparison.Ordinal)
            .Replace("\"atSeconds\": 5", "\"atSeconds\": 10", StringComparison.Ordinal)
            .Replace("\"$schema\": \"./board.schema.json\",", string.Empty, StringComparison.Ordinal);
        Assert.Contains("\"to\": \"300\"", board, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "board.json"), board);
        var json = FaxBoxConfiguration.EmbeddedDefaultText()
            .Replace("\"board\": \"simulator\"", "\"board\": \"board.json\"", StringComparison.Ordinal)
            .Replace("\"port\": 5060", $"\"port\": {sipPort}", StringComparison.Ordinal)
            .Replace("127.0.0.1:5060", $"127.0.0.1:{sipPort}", StringComparison.Ordinal)
            .Replace("\"embeddedPort\": 1883", "\"enabled\": false", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:8080", "http://127.0.0.1:0", StringComparison.Ordinal)
            .Replace("\"~/.local/share/faxbox\"", JsonSerializer.Serialize(data), StringComparison.Ordinal);
        Assert.Contains("\"board\": \"board.json\"", json, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:0", json, StringComparison.Ordinal);
        return json;
    }

    /// <summary>Keeps the box's own log entries (not ASP.NET's, which the job page's polling floods the ring with) for a failure's message.</summary>
    private static async Task KeepBoxLogAsync(HttpClient client, SortedDictionary<long, string> log, CancellationToken stop)
    {
        for (var polls = 0; polls < 300 && !stop.IsCancellationRequested; polls++)
        {
            try
            {
                var entries = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/logs", UriKind.Relative), stop))!.AsArray();
                foreach (var n in entries.Where(n => !((string?)n!["category"] ?? string.Empty).StartsWith("Microsoft.", StringComparison.Ordinal)))
                {
                    log[(long)n!["sequence"]!] = $"{n["time"]} {n["level"]} {n["category"]}: {n["message"]}";
                }

                await Task.Delay(1000, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
