using FaxBox.Admin.Faxes;
using FaxBox.FaxServer;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Queue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaxBox.Admin.Pages.Faxes;

/// <summary>The inbox (received faxes) and the outbox (jobs), with thumbnails and the actions: resend, cancel, delete, redeliver.</summary>
public sealed class IndexModel : PageModel
{
    /// <summary>Most jobs the outbox lists.</summary>
    public const int OutboxRows = 100;

    internal FaxServerService? Server { get; private set; }

    internal IReadOnlyList<ReceivedFax> Inbox { get; private set; } = [];

    internal IReadOnlyList<FaxJob> Outbox { get; private set; } = [];

    internal int OutboxTotal { get; private set; }

    /// <summary>What the last action did, in words (after the redirect), or an error.</summary>
    internal string? Message { get; private set; }

    internal bool MessageIsError { get; private set; }

    public void OnGet(string? done, string? error)
    {
        Load();
        Message = done switch
        {
            "retried" => "The job is queued again.",
            "cancelled" => "The job is cancelled.",
            "deleted" => "Deleted.",
            "redelivering" => "Delivery of the fax is being retried.",
            _ => null,
        };
        if (error is not null)
        {
            Message = FaxBox.Admin.Api.FaxServerEndpoints.Printable(error);
            MessageIsError = true;
        }
    }

    /// <summary>
    /// Resend: a failed or cancelled job goes back on the queue (the retry ladder starts over); a sent one is submitted
    /// again as a new job with the same document and destination.
    /// </summary>
    public async Task<IActionResult> OnPostRetryAsync(long id)
    {
        if (FaxesArea.Server(HttpContext) is not { } server)
        {
            return NotFound();
        }

        if (server.Jobs.Get(id) is { State: FaxJobState.Sent } sent)
        {
            try
            {
                var copy = await server.SubmitAsync(
                    new FaxSubmission([new FaxBox.FaxServer.Documents.DocumentSource(sent.DocumentPath, $"job-{id}.tif")], sent.Destination, "admin", sent.Account),
                    HttpContext.RequestAborted).ConfigureAwait(false);
                return Redirect($"/faxes/jobs/{copy.Id}");
            }
            catch (Exception e) when (e is FaxSubmissionException or FaxBox.FaxServer.Documents.DocumentRejectedException or FaxJobOperationException)
            {
                return RedirectToPage(new { error = e.Message });
            }
        }

        return await JobAsync(id, "retried", (s, ct) => s.RetryAsync(id, ct)).ConfigureAwait(false);
    }

    public Task<IActionResult> OnPostCancelAsync(long id) => JobAsync(id, "cancelled", (s, ct) => s.CancelAsync(id, ct));

    public Task<IActionResult> OnPostDeleteJobAsync(long id) => JobAsync(id, "deleted", (s, ct) => s.DeleteAsync(id, false, ct));

    public IActionResult OnPostDeleteFax(string id)
    {
        if (FaxesArea.Server(HttpContext) is not { } server)
        {
            return NotFound();
        }

        return server.Inbox.Delete(id, secure: false) ? RedirectToPage(new { done = "deleted" }) : RedirectToPage(new { error = $"fax {id} does not exist" });
    }

    public IActionResult OnPostRedeliver(string id)
    {
        if (FaxesArea.Server(HttpContext) is not { } server || server.Inbox.Get(id) is null)
        {
            return RedirectToPage(new { error = $"fax {id} does not exist" });
        }

        server.Inbox.RetryDeliveries(id);
        return RedirectToPage(new { done = "redelivering" });
    }

    private async Task<IActionResult> JobAsync(long id, string done, Func<FaxServerService, CancellationToken, Task<FaxJob>> operation)
    {
        if (FaxesArea.Server(HttpContext) is not { } server)
        {
            return NotFound();
        }

        try
        {
            await operation(server, HttpContext.RequestAborted).ConfigureAwait(false);
            return RedirectToPage(new { done });
        }
        catch (FaxJobOperationException e)
        {
            return RedirectToPage(new { error = e.Message });
        }
    }

    private void Load()
    {
        Server = FaxesArea.Server(HttpContext);
        if (Server is null)
        {
            return;
        }

        Inbox = Server.Inbox.List();
        var page = Server.Jobs.List(new FaxJobQuery { Limit = OutboxRows });
        Outbox = page.Jobs;
        OutboxTotal = page.Total;
    }
}
