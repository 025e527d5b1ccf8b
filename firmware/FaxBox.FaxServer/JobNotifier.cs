using System.Globalization;
using FaxBox.FaxServer.Delivery;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Queue;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace FaxBox.FaxServer;

/// <summary>
/// Tells a job's submitter by e-mail when it is sent or has failed (jobs with a notify address, when an SMTP server is
/// configured): a short text and the confirmation page (result table and a reduced first page) as a PNG. Sent off the
/// scheduler's loop; a notification that cannot be sent is logged, never retried and never affects the job.
/// </summary>
internal sealed partial class JobNotifier(EmailDelivery email, ConfirmationPage page, string workFolder, string from, ILogger logger) : IFaxJobObserver
{
    public ValueTask OnJobEventAsync(FaxJobEvent jobEvent, CancellationToken cancellationToken)
    {
        if (jobEvent.Kind is FaxJobEventKind.Sent or FaxJobEventKind.Failed && jobEvent.Job.NotifyAddress is { Length: > 0 } address)
        {
            _ = Task.Run(() => NotifyAsync(jobEvent, address), CancellationToken.None);
        }

        return ValueTask.CompletedTask;
    }

    internal async Task NotifyAsync(FaxJobEvent jobEvent, string address)
    {
        var job = jobEvent.Job;
        var sent = jobEvent.Kind == FaxJobEventKind.Sent;
        var png = Path.Combine(workFolder, $"confirmation-{job.Id}-{Guid.NewGuid():N}.png");
        try
        {
            var rows = new List<KeyValuePair<string, string>>
            {
                new("Job", job.Id.ToString(CultureInfo.InvariantCulture)),
                new("To", job.Destination),
                new("Result", sent ? "sent" : "failed"),
                new("Pages", $"{jobEvent.Attempt?.PagesConfirmed ?? 0} of {job.Pages}"),
                new("Attempts", job.Attempts.ToString(CultureInfo.InvariantCulture)),
                new("Submitted", job.Submitted.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
                new("Finished", (job.Finished ?? job.Updated).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
                new("Details", job.LastResult ?? string.Empty),
            };
            if (jobEvent.Attempt?.RemoteIdent is { Length: > 0 } csi)
            {
                rows.Add(new("Remote ident", csi));
            }

            await page.WritePngAsync(
                new ConfirmationContent { Title = sent ? "Fax sent" : "Fax NOT sent", Rows = rows, DocumentPath = File.Exists(job.DocumentPath) ? job.DocumentPath : null },
                png).ConfigureAwait(false);
            using var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(from));
            message.To.Add(MailboxAddress.Parse(address));
            message.Subject = sent
                ? $"Fax to {job.Destination} sent ({job.Pages} page(s))"
                : $"Fax to {job.Destination} failed: {job.LastResult}";
            var body = new BodyBuilder
            {
                TextBody = string.Join('\n', rows.Select(r => $"{r.Key}: {r.Value}")) + "\n",
            };
            var attachment = await body.Attachments.AddAsync(png).ConfigureAwait(false);
            attachment.ContentDisposition ??= new ContentDisposition(ContentDisposition.Attachment);
            attachment.ContentDisposition.FileName = $"fax-{job.Id}-confirmation.png";
            message.Body = body.ToMessageBody();
            await email.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
            Log.Notified(logger, job.Id, sent ? "sent" : "failed");
        }
        catch (Exception e) when (e is DeliveryException or IOException or GhostscriptException or ParseException or InvalidOperationException)
        {
            Log.NotifyFailed(logger, job.Id, e.Message);
        }
        finally
        {
            try
            {
                File.Delete(png);
            }
            catch (IOException)
            {
                // The work folder is cleaned at start.
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Core.LogEventIds.Services + 906, Level = LogLevel.Information, Message = "job {JobId}: {Result} notification e-mailed")]
        public static partial void Notified(ILogger logger, long jobId, string result);

        [LoggerMessage(EventId = Core.LogEventIds.Services + 907, Level = LogLevel.Warning, Message = "job {JobId}: the notification could not be e-mailed: {Reason}")]
        public static partial void NotifyFailed(ILogger logger, long jobId, string reason);
    }
}
