using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Queue;
using FaxBox.FaxServer.Tests.Queue;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.FaxServer.Tests.Service;

/// <summary>
/// The fax server put together (real Ghostscript, real SQLite, real inbox; the gateway's caller faked): submissions
/// become queued jobs, bad ones are refused before anything is queued, store-and-forward faxes become jobs, queue
/// figures reach the status board.
/// </summary>
public sealed class FaxServerServiceTests : IDisposable
{
    private readonly TempFolder _work = TestPaths.NewTempFolder();
    private readonly FakeFaxCaller _caller = new();
    private readonly StatusBoard _status = new("box");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task A_PDF_with_a_cover_page_is_queued_as_one_TIFF_and_placed_on_the_ladders_first_rung()
    {
        await using var server = await Start();
        var pdf = Pdf("letter.pdf", pages: 2);

        var job = await server.SubmitAsync(
            new FaxSubmission([new DocumentSource(pdf, "letter.pdf")], "  200 ", "test", Cover: new CoverPageContent { To = "Ann", Subject = "Hello" }),
            CancellationToken.None);

        Assert.Equal(("200", 3), (job.Destination, job.Pages));
        Assert.Equal(3, FaxDocument.Load(job.DocumentPath).Pages.Count);
        var call = await WaitForCall();
        Assert.Equal((job.DocumentPath, FaxTransport.T38, true, 14_400), (call.Request.TiffPath, call.Request.Transport, call.Request.Ecm, call.Request.MaxBitRate));
        Assert.Equal(1, _status.Current.Queue.Depth);
        call.End(FaxCallOutcomeKind.Sent, pages: 3);
        await WaitFor(() => server.Jobs.Get(job.Id)?.State == FaxJobState.Sent);
        await WaitFor(() => _status.Current.Queue.Depth == 0);
    }

    [Theory]
    [InlineData("", "to: a fax number is required")]
    [InlineData("12ab", "to: '12ab' is not a fax number (digits, *, #, a leading +; at most 32) or a SIP URI")]
    [InlineData("sip:nobody", "to: 'sip:nobody' is not a SIP URI like sip:200@pbx.example")]
    public async Task A_destination_that_cannot_be_dialled_is_refused_and_nothing_is_queued(string to, string message)
    {
        await using var server = await Start();

        var e = await Assert.ThrowsAsync<FaxSubmissionException>(() =>
            server.SubmitAsync(new FaxSubmission([new DocumentSource(Pdf("a.pdf", 1))], to, "test"), CancellationToken.None));

        Assert.Equal(message, e.Message);
        Assert.Equal(0, server.Jobs.List(new FaxJobQuery()).Total);
    }

    [Fact]
    public async Task An_encrypted_PDF_is_refused_naming_the_file_and_leaves_no_document_behind()
    {
        await using var server = await Start();
        var encrypted = _work.File("secret.pdf");
        Gs("-sDEVICE=pdfwrite", "-sOwnerPassword=owner", "-sUserPassword=user", "-o", encrypted, "-c", "showpage");

        var e = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            server.SubmitAsync(new FaxSubmission([new DocumentSource(encrypted, "secret.pdf")], "200", "test"), CancellationToken.None));

        Assert.StartsWith("secret.pdf: ", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Jobs.List(new FaxJobQuery()).Total);
        Assert.Empty(Directory.GetFiles(Path.Combine(_work.Path, "outbox"), "*.tif"));
    }

    [Fact]
    public async Task A_store_and_forward_fax_becomes_a_job_for_the_dialled_number_and_one_left_by_a_crash_is_queued_at_start()
    {
        var page = _work.File("machine.tif");
        TestPageGenerator.Write(page, new TestPageOptions { Pages = 2 });
        await using (var server = await Start())
        {
            var call = new InboundFaxCall("c1", "0301234", null, null, "fxs0");
            var acceptance = Assert.IsType<InboundFaxAcceptance>(server.Offer(call));
            Assert.StartsWith(Path.Combine(_work.Path, "outbox", "incoming"), acceptance.ReceivePath, StringComparison.Ordinal);
            File.Copy(page, acceptance.ReceivePath);
            server.Completed(call, new InboundFaxOutcome(acceptance.ReceivePath, true, 2, "ok", "MACHINE", null, null));

            var forwarded = await WaitForCall();
            Assert.Equal("0301234", forwarded.Request.Destination);
            await WaitFor(() => server.Jobs.List(new FaxJobQuery()).Jobs.Any(j => j.Submitter == "fxs0" && j.Pages == 2));

            // A second machine fax whose call the box did not live to complete.
            var crashed = Assert.IsType<InboundFaxAcceptance>(server.Offer(new InboundFaxCall("c2", "0309999", null, null, "fxs0")));
            File.Copy(page, crashed.ReceivePath);
        }

        await using var restarted = await Start();
        await WaitFor(() => restarted.Jobs.List(new FaxJobQuery()).Jobs.Any(j => j.Destination == "0309999" && j.Pages == 2));
        Assert.Empty(Directory.GetFiles(Path.Combine(_work.Path, "outbox", "incoming")));
    }

    [Fact]
    public async Task A_call_from_a_SIP_account_goes_to_the_inbox_not_the_outbox()
    {
        await using var server = await Start();

        var acceptance = Assert.IsType<InboundFaxAcceptance>(server.Offer(new InboundFaxCall("c3", "300", "4930555", null, "local")));

        Assert.StartsWith(Path.Combine(_work.Path, "inbox", "incoming"), acceptance.ReceivePath, StringComparison.Ordinal);
        Assert.Equal("FAXBOX", acceptance.LocalIdent);
    }

    private async Task<FaxServerService> Start()
    {
        var options = new FaxServerOptions();
        options.Inbox.LocalIdent = "FAXBOX";
        options.Inbox.MinFreeBytes = 0;
        return await FaxServerService.StartAsync(options, _work.Path, _caller, _status, ["fxs0"], TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
    }

    private string Pdf(string name, int pages)
    {
        var path = _work.File(name);
        var program = string.Concat(Enumerable.Range(1, pages).Select(p => $"/Helvetica findfont 30 scalefont setfont 72 700 moveto (Page {p}) show 100 100 200 200 rectfill showpage "));
        Gs("-sDEVICE=pdfwrite", "-o", path, "-c", program);
        return path;
    }

    private static void Gs(params string[] arguments)
    {
        using var gs = System.Diagnostics.Process.Start("gs", ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", .. arguments])!;
        Assert.True(gs.WaitForExit(TimeSpan.FromSeconds(60)) && gs.ExitCode == 0, "gs failed");
    }

    private async Task<FakeCall> WaitForCall()
    {
        await WaitFor(() => _caller.Open.Count > 0);
        return _caller.Open[0];
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not within 30 s");
            await Task.Delay(20);
        }
    }
}
