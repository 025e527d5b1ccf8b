using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Queue;

namespace FaxBox.Admin.Tests.Faxes;

/// <summary>The faxes pages over HTTP: previews and downloads, actions, the send form's limits, and names that try to leave the inbox.</summary>
public sealed partial class FaxesPagesTests : IDisposable
{
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task A_received_fax_has_a_PNG_preview_per_page_and_downloads_as_PDF_and_TIFF()
    {
        await using var site = await FaxTestSite.StartAsync();
        var fax = await site.ReceiveAsync(pages: 3);
        using var client = await site.Site.CreateAuthenticatedClientAsync();

        var png = await client.GetByteArrayAsync(new Uri($"/faxes/inbox/{fax.Id}/pages/2.png?width=300", UriKind.Relative));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        using (var missing = await client.GetAsync(new Uri($"/faxes/inbox/{fax.Id}/pages/4.png", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("the document has 3 page(s)", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var pdf = await client.GetAsync(new Uri($"/faxes/inbox/{fax.Id}/document.pdf", UriKind.Relative));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"fax-{fax.Id}.pdf", pdf.Content.Headers.ContentDisposition?.FileNameStar ?? pdf.Content.Headers.ContentDisposition?.FileName);
        var pdfBytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdfBytes, 0, 4));
        Assert.Equal(3, PdfPage().Matches(Encoding.Latin1.GetString(pdfBytes)).Count);

        var tiff = _work.File("fax.tif");
        await File.WriteAllBytesAsync(tiff, await client.GetByteArrayAsync(new Uri($"/faxes/inbox/{fax.Id}/document.tif", UriKind.Relative)));
        Assert.Equal(3, FaxDocument.Load(tiff).Pages.Count);

        var page = await client.GetStringAsync(new Uri($"/faxes/inbox/{fax.Id}", UriKind.Relative));
        Assert.Contains($"/faxes/inbox/{fax.Id}/pages/1.png?width=864", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"ladder\"", page, StringComparison.Ordinal);
        Assert.Contains("400 sent, 420 received, 2 lost, 2 recovered by redundancy", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/faxes/inbox/..%2F..%2F..%2Fetc%2Fpasswd/document.pdf")]
    [InlineData("/faxes/inbox/..%2Ffaxserver.db/document.tif")]
    [InlineData("/faxes/inbox/%2E%2E/document.tif")]
    [InlineData("/faxes/inbox/..%5C..%5Cx/pages/1.png")]
    [InlineData("/api/v1/inbox/..%2F..%2Ffaxserver.db/document.tif")]
    [InlineData("/faxes/inbox/..%2F..%2Finbox/")]
    public async Task Path_traversal_in_download_names_is_refused(string url)
    {
        await using var site = await FaxTestSite.StartAsync();
        await site.ReceiveAsync(pages: 1);
        using var client = await site.Site.CreateAuthenticatedClientAsync();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.False(body.Length >= 4 && (Encoding.ASCII.GetString(body, 0, 4) is "%PDF" or "II*\0" or "SQLi"), "a file was served");
    }

    [Fact]
    public async Task A_document_format_other_than_pdf_or_tif_is_refused_by_name()
    {
        await using var site = await FaxTestSite.StartAsync();
        var fax = await site.ReceiveAsync(pages: 1);
        using var client = await site.Site.CreateAuthenticatedClientAsync();
        using var response = await client.GetAsync(new Uri($"/faxes/inbox/{fax.Id}/document.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("no document format 'json' (tif or pdf)", error.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_send_form_queues_a_job_and_its_page_follows_it_to_sent_with_the_ladder()
    {
        await using var site = await FaxTestSite.StartAsync();
        using var client = await site.Site.CreateAuthenticatedClientAsync();
        using var response = await PostSendAsync(client, "0301234567", ("letter.tif", Tiff(2)), cover: true);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var jobUrl = response.Headers.Location!.ToString();
        Assert.Matches("^/faxes/jobs/[0-9]+$", jobUrl);
        var id = long.Parse(jobUrl[(jobUrl.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var job = site.Server.Jobs.Get(id)!;
        Assert.Equal(("0301234567", 3), (job.Destination, job.Pages)); // the cover page and two pages

        var call = await site.Caller.CallAsync(0);
        call.Step("B", 0);
        call.Step("D", 1);
        var progress = await client.GetStringAsync(new Uri(jobUrl + "/progress", UriKind.Relative));
        Assert.Contains("\"state\":\"sending\"", progress, StringComparison.Ordinal);
        call.End(sent: true, pages: 3);
        for (var i = 0; i < 200 && site.Server.Jobs.Get(id)!.State != FaxJobState.Sent; i++)
        {
            await Task.Delay(20);
        }

        var page = await client.GetStringAsync(new Uri(jobUrl, UriKind.Relative));
        Assert.Contains("state-sent", page, StringComparison.Ordinal);
        Assert.Contains("Attempt 1", page, StringComparison.Ordinal);
        Assert.Contains("data-name=\"EOP\"", page, StringComparison.Ordinal);
        Assert.Contains("812 sent, 790 received, 3 lost", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_a_clear_message()
    {
        await using var site = await FaxTestSite.StartAsync(o => o.MaxUploadBytes = 64 * 1024);
        using var client = await site.Site.CreateAuthenticatedClientAsync();
        using var response = await PostSendAsync(client, "0301234567", ("big.pdf", new byte[100 * 1024]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("Not sent:</strong> the upload is 100\\.[0-9] KB; at most 64 KB can be sent at once", html);
        Assert.Equal(0, site.Server.Jobs.List(new FaxJobQuery()).Total);
    }

    [Theory]
    [InlineData("notes.docx", "PK\u0003\u0004word", 415, "notes.docx: only PDF, TIFF, PNG and JPEG files can be faxed")]
    [InlineData("fake.pdf", "this is not a PDF at all", 422, "fake.pdf: ")]
    public async Task A_file_of_the_wrong_type_is_refused_with_a_clear_message(string name, string content, int status, string message)
    {
        await using var site = await FaxTestSite.StartAsync();
        using var client = await site.Site.CreateAuthenticatedClientAsync();
        using var response = await PostSendAsync(client, "0301234567", (name, Encoding.ASCII.GetBytes(content)));
        Assert.Equal(status, (int)response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Not sent:</strong> " + message, html, StringComparison.Ordinal);
        Assert.Contains("value=\"0301234567\"", html, StringComparison.Ordinal); // what was typed is kept
        Assert.Equal(0, site.Server.Jobs.List(new FaxJobQuery()).Total);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        await using var site = await FaxTestSite.StartAsync();
        using var client = await site.Site.CreateAuthenticatedClientAsync();
        Assert.True(client.DefaultRequestHeaders.Remove(FaxBox.Admin.Security.SecurityArea.AntiforgeryHeader)); // signed in, but no token
        using var form = new MultipartFormDataContent { { new StringContent("0301234567"), "to" }, { new ByteArrayContent(Tiff(1)), "files", "a.tif" } };
        using var response = await client.PostAsync(new Uri("/faxes/send", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, site.Server.Jobs.List(new FaxJobQuery()).Total);
        using var delete = await client.PostAsync(new Uri("/faxes?handler=DeleteJob&id=1", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
    }

    [Fact]
    public async Task Inbox_and_outbox_actions_resend_cancel_and_delete()
    {
        await using var site = await FaxTestSite.StartAsync();
        var fax = await site.ReceiveAsync(pages: 1);
        using var client = await site.Site.CreateAuthenticatedClientAsync();
        using (var sent = await PostSendAsync(client, "0301234567", ("a.tif", Tiff(1))))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var call = await site.Caller.CallAsync(0);
        call.End(sent: false, pages: 0);
        var id = site.Server.Jobs.List(new FaxJobQuery()).Jobs[0].Id;
        for (var i = 0; i < 200 && site.Server.Jobs.Get(id)!.State == FaxJobState.Sending; i++)
        {
            await Task.Delay(20);
        }

        var list = await client.GetStringAsync(new Uri("/faxes", UriKind.Relative));
        Assert.Contains($"/faxes/inbox/{fax.Id}/pages/1.png?width=128", list, StringComparison.Ordinal);
        Assert.Contains($"/faxes/jobs/{id}/pages/1.png?width=128", list, StringComparison.Ordinal);

        // Cancel a job waiting for its retry, then resend it: it is queued again.
        using (var cancel = await PostActionAsync(client, "Cancel", id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            Assert.Equal("/faxes?done=cancelled", cancel.Headers.Location?.ToString());
        }

        Assert.Equal(FaxJobState.Cancelled, site.Server.Jobs.Get(id)!.State);
        using (var resend = await PostActionAsync(client, "Retry", id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            Assert.Equal("/faxes?done=retried", resend.Headers.Location?.ToString());
        }

        Assert.Contains(site.Server.Jobs.Get(id)!.State, new[] { FaxJobState.Queued, FaxJobState.Sending });
        (await site.Caller.CallAsync(1)).End(sent: true, pages: 1);

        using (var delete = await PostActionAsync(client, "DeleteFax", fax.Id))
        {
            Assert.Equal("/faxes?done=deleted", delete.Headers.Location?.ToString());
        }

        Assert.Null(site.Server.Inbox.Get(fax.Id));
        using (var again = await PostActionAsync(client, "DeleteFax", fax.Id))
        {
            Assert.StartsWith("/faxes?error=", again.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        for (var i = 0; i < 200 && !site.Server.Jobs.Get(id)!.IsFinished; i++)
        {
            await Task.Delay(20);
        }

        using (var deleteJob = await PostActionAsync(client, "DeleteJob", id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            Assert.Equal("/faxes?done=deleted", deleteJob.Headers.Location?.ToString());
        }

        Assert.Null(site.Server.Jobs.Get(id));
    }

    /// <summary>A TIFF-F of <paramref name="pages"/> test pages.</summary>
    internal static byte[] Tiff(int pages)
    {
        using var folder = TestPaths.NewTempFolder();
        var path = folder.File("t.tif");
        TestPageGenerator.Write(path, new TestPageOptions { Pages = pages });
        return File.ReadAllBytes(path);
    }

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        return Token().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidDataException($"{page} has no antiforgery token");
    }

    private static async Task<HttpResponseMessage> PostSendAsync(HttpClient client, string to, (string Name, byte[] Bytes) file, bool cover = false)
    {
        var token = await TokenAsync(client, "/faxes/send");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(to), "to" },
        };
        if (cover)
        {
            form.Add(new StringContent("on"), "cover");
            form.Add(new StringContent("Quarterly figures"), "subject");
        }

        var part = new ByteArrayContent(file.Bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "files", file.Name);
        return await client.PostAsync(new Uri("/faxes/send", UriKind.Relative), form);
    }

    private static async Task<HttpResponseMessage> PostActionAsync(HttpClient client, string handler, string id)
    {
        var token = await TokenAsync(client, "/faxes");
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        return await client.PostAsync(new Uri($"/faxes?handler={handler}&id={Uri.EscapeDataString(id)}", UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex(@"/Type /Page\b(?!s)")]
    private static partial Regex PdfPage();
}
