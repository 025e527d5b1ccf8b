using System.Globalization;
using System.Threading.Channels;
using FaxBox.FaxServer.Delivery;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Queue;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace FaxBox.FaxServer;

/// <summary>
/// Tells a job's submitter by e-mail when it is sent or has failed (jobs with a notify address, when an SMTP server is
/// configured): a short text and the confirmation page (result table and a reduced first page) as a PNG. The job store
/// records each notification in the transaction that ends the job (<see cref="JobStore.RecordsNotifications"/>); this
/// worker sends the pending ones on one background task, off the scheduler's loop, and retries those the server refuses
/// (or that cannot be built) with the inbox deliveries' back-off (<see cref="DeliveryRetryOptions"/>) from the injected
/// clock, across restarts, until the server takes them. A notification never affects its job. At least once: a crash
/// after the server accepted and before the row was updated sends it again.
/// </summary>
internal sealed partial class JobNotifier : IFaxJobObserver, IAsyncDisposable
{
    /// <summary>Notifications taken from the store per round.</summary>
    private const int Batch = 16;

    private readonly JobStore _store;
    private readonly EmailDelivery _email;
    private readonly ConfirmationPage _page;
    private readonly string _workFolder;
    private readonly string _from;
    private readonly DeliveryRetryOptions _retry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public JobNotifier(JobStore store, EmailDelivery email, ConfirmationPage page, string workFolder, string from, DeliveryRetryOptions retry, TimeProvider time, ILogger logger)
    {
        _store = store;
        _email = email;
        _page = page;
        _workFolder = workFolder;
        _from = from;
        _retry = retry;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts sending: the pending notifications a previous run left go first.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>A job ended: its notification is in the store already; wake the loop.</summary>
    public ValueTask OnJobEventAsync(FaxJobEvent jobEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        if (jobEvent.Kind is FaxJobEventKind.Sent or FaxJobEventKind.Failed && jobEvent.Job.NotifyAddress is { Length: > 0 })
        {
            _wake.Writer.TryWrite(true);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stop.Dispose();
    }

    /// <summary>
    /// Builds and sends one notification; returns null when the SMTP server took it, else why not (the server's answer, a
    /// confirmation page that could not be drawn). Never throws for a delivery problem.
    /// </summary>
    internal async Task<string?> SendAsync(FaxJob job, FaxJobAttempt? attempt, FaxJobEventKind kind, string result, string address, CancellationToken cancellationToken)
    {
        var sent = kind == FaxJobEventKind.Sent;
        var png = Path.Combine(_workFolder, $"confirmation-{job.Id}-{Guid.NewGuid():N}.png");
        try
        {
            var rows = new List<KeyValuePair<string, string>>
            {
                new("Job", job.Id.ToString(CultureInfo.InvariantCulture)),
                new("To", job.Destination),
                new("Result", sent ? "sent" : "failed"),
                new("Pages", $"{attempt?.PagesConfirmed ?? 0} of {job.Pages}"),
                new("Attempts", (attempt?.Number ?? job.Attempts).ToString(CultureInfo.InvariantCulture)),
                new("Submitted", job.Submitted.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
                new("Finished", (attempt?.Ended ?? job.Finished ?? job.Updated).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
                new("Details", result),
            };
            if (attempt?.RemoteIdent is { Length: > 0 } csi)
            {
                rows.Add(new("Remote ident", csi));
            }

            await _page.WritePngAsync(
                new ConfirmationContent { Title = sent ? "Fax sent" : "Fax NOT sent", Rows = rows, DocumentPath = File.Exists(job.DocumentPath) ? job.DocumentPath : null },
                png).ConfigureAwait(false);
            using var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(_from));
            message.To.Add(MailboxAddress.Parse(address));
            message.Subject = sent
                ? $"Fax to {job.Destination} sent ({job.Pages} page(s))"
                : $"Fax to {job.Destination} failed: {result}";
            var body = new BodyBuilder
            {
                TextBody = string.Join('\n', rows.Select(r => $"{r.Key}: {r.Value}")) + "\n",
            };
            var attachment = await body.Attachments.AddAsync(png, cancellationToken).ConfigureAwait(false);
            attachment.ContentDisposition ??= new ContentDisposition(ContentDisposition.Attachment);
            attachment.ContentDisposition.FileName = $"fax-{job.Id}-confirmation.png";
            message.Body = body.ToMessageBody();
            await _email.SendAsync(message, cancellationToken).ConfigureAwait(false);
            Log.Notified(_logger, job.Id, sent ? "sent" : "failed");
            return null;
        }
        catch (Exception e) when (e is DeliveryException or IOException or GhostscriptException or ParseException or InvalidOperationException)
        {
            return e.Message;
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

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            DateTimeOffset? next;
            try
            {
                var due = _store.DueNotifications(now, Batch);
                foreach (var notification in due)
                {
                    await AttemptAsync(notification, stop).ConfigureAwait(false);
                }

                if (due.Count > 0)
                {
                    continue;
                }

                next = _store.NextNotificationDue();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is JobStoreException or ObjectDisposedException)
            {
                // The store failed (disk error) or is closing: try again later rather than spin.
                Log.StoreError(_logger, e.Message);
                next = now + _retry.FirstDelay;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var woken = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();
            var timer = next is { } n ? Task.Delay(n > now ? n - now : TimeSpan.Zero, _time, wait.Token) : Task.Delay(Timeout.InfiniteTimeSpan, _time, wait.Token);
            await Task.WhenAny(woken, timer).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
    }

    private async Task AttemptAsync(FaxJobNotification notification, CancellationToken stop)
    {
        var job = _store.Get(notification.JobId);
        if (job is null)
        {
            return; // deleted meanwhile: its notifications went with it
        }

        var attempt = notification.AttemptId is { } id ? _store.Attempts(job.Id).FirstOrDefault(a => a.Id == id) : null;
        string? error;
        try
        {
            error = await SendAsync(job, attempt, notification.Kind, notification.Result, notification.Address, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever building or sending throws, the notification stays and is retried with the reason kept.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }

        var failures = notification.Attempts + 1;
        var next = _time.GetUtcNow() + _retry.DelayAfter(failures);
        _store.RecordNotificationAttempt(notification.Id, error, next);
        if (error is not null)
        {
            Log.NotifyFailed(_logger, job.Id, failures, error, _retry.DelayAfter(failures));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Core.LogEventIds.Services + 906, Level = LogLevel.Information, Message = "job {JobId}: {Result} notification e-mailed")]
        public static partial void Notified(ILogger logger, long jobId, string result);

        [LoggerMessage(EventId = Core.LogEventIds.Services + 907, Level = LogLevel.Warning, Message = "job {JobId}: the notification could not be e-mailed (attempt {Attempt}): {Reason}; retrying in {Delay}")]
        public static partial void NotifyFailed(ILogger logger, long jobId, int attempt, string reason, TimeSpan delay);

        [LoggerMessage(EventId = Core.LogEventIds.Services + 908, Level = LogLevel.Error, Message = "notifications: the job database failed ({Reason}); trying again shortly")]
        public static partial void StoreError(ILogger logger, string reason);
    }
}
