using System.Text.RegularExpressions;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Queue;
using FaxBox.FaxServer.Routing;
using Microsoft.Extensions.Logging;

namespace FaxBox.FaxServer;

/// <summary>
/// The box as a fax terminal: uploads become normalised TIFF-F jobs in the persistent outbox, which the scheduler sends
/// through the gateway (<see cref="IFaxCaller"/>) with the retry ladder; faxes the gateway receives for the box's own
/// numbers go to the inbox, its routes and deliveries; a store-and-forward port's fax becomes an outbox job at once.
/// Publishes the queue figures to the status board. Thread-safe.
/// </summary>
public sealed partial class FaxServerService : IInboundFaxSink, IAsyncDisposable
{
    private readonly FaxServerOptions _options;
    private readonly DocumentIntake _intake;
    private readonly CoverPage _cover;
    private readonly JobScheduler _scheduler;
    private readonly JobNotifier? _notifier;
    private readonly Inbox.Inbox _inbox;
    private readonly StatusBoard _status;
    private readonly HashSet<string> _storeAndForwardPorts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _outbox;
    private readonly string _outboxIncoming;
    private readonly List<Task> _forwards = [];

    private FaxServerService(
        FaxServerOptions options,
        string dataFolder,
        DocumentIntake intake,
        JobScheduler scheduler,
        JobNotifier? notifier,
        Inbox.Inbox inbox,
        StatusBoard status,
        IEnumerable<string> storeAndForwardPorts,
        TimeProvider time,
        ILogger logger)
    {
        _options = options;
        _intake = intake;
        _cover = new CoverPage(options.Documents);
        _scheduler = scheduler;
        _notifier = notifier;
        _inbox = inbox;
        _status = status;
        _storeAndForwardPorts = new HashSet<string>(storeAndForwardPorts, StringComparer.Ordinal);
        _time = time;
        _logger = logger;
        _outbox = Path.Combine(dataFolder, "outbox");
        _outboxIncoming = Path.Combine(_outbox, "incoming");
    }

    /// <summary>The outgoing jobs: list, get, attempts (read-only use; change them through this service).</summary>
    public JobStore Jobs => _scheduler.Store;

    /// <summary>The received faxes.</summary>
    public Inbox.Inbox Inbox => _inbox;

    /// <summary>
    /// Opens the job database and the inbox in <paramref name="dataFolder"/>, recovers what a crash left (jobs that were
    /// on a call, half-received documents), and starts sending and delivering.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names the key).</exception>
    /// <exception cref="JobStoreException">The job database cannot be opened (the message names the file).</exception>
    public static async Task<FaxServerService> StartAsync(
        FaxServerOptions options,
        string dataFolder,
        IFaxCaller caller,
        StatusBoard status,
        IEnumerable<string> storeAndForwardPorts,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(loggers);
        Directory.CreateDirectory(Path.Combine(dataFolder, "outbox", "incoming"));
        options.Documents.WorkFolder ??= Path.Combine(dataFolder, "tmp");
        Directory.CreateDirectory(options.Documents.WorkFolder);
        options.Inbox.DataDirectory = dataFolder;
        var router = InboundRouter.Create(options.Routing);
        var inbox = new Inbox.Inbox(options.Inbox, router, options.Smtp, options.Webhook, options.DeliveryRetry, time, loggers.CreateLogger<Inbox.Inbox>());
        var store = JobStore.Open(Path.Combine(dataFolder, "faxserver.db"), time);
        JobScheduler? scheduler = null;
        JobNotifier? notifier = null;
        try
        {
            var observers = new List<IFaxJobObserver> { new QueueFigures(status) };
            if (options.Smtp.Host is not null)
            {
                store.RecordsNotifications = true;
                notifier = new JobNotifier(
                    store, new Delivery.EmailDelivery(options.Smtp), new ConfirmationPage(options.Documents), options.Documents.WorkFolder, options.Smtp.From,
                    options.DeliveryRetry, time, loggers.CreateLogger<JobNotifier>());
                observers.Add(notifier);
            }

            scheduler = new JobScheduler(
                store, caller, new RetryLadder(options.Retry), options.Outbox, time, loggers.CreateLogger<JobScheduler>(), observers);
            var service = new FaxServerService(
                options, dataFolder, new DocumentIntake(options.Documents, loggers.CreateLogger<DocumentIntake>()), scheduler, notifier, inbox, status,
                storeAndForwardPorts ?? [], time, loggers.CreateLogger<FaxServerService>());
            inbox.Changed += (_, _) => service.PublishInboxFigures();
            await inbox.StartAsync(cancellationToken).ConfigureAwait(false);
            await scheduler.StartAsync(cancellationToken).ConfigureAwait(false);
            notifier?.Start();
            service.RecoverStoreAndForward();
            status.SetQueue(scheduler.Queue with { InboxUndelivered = service.CountUndelivered() });
            return service;
        }
        catch
        {
            if (notifier is not null)
            {
                await notifier.DisposeAsync().ConfigureAwait(false);
            }

            if (scheduler is not null)
            {
                await scheduler.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                store.Dispose();
            }

            await inbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Turns <paramref name="submission"/>'s files into one TIFF-F (cover page first when asked) and queues it.
    /// </summary>
    /// <exception cref="FaxSubmissionException">The destination is not a number or SIP URI.</exception>
    /// <exception cref="DocumentRejectedException">A file cannot be faxed (names the file and why).</exception>
    public async Task<FaxJob> SubmitAsync(FaxSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var destination = submission.Destination.Trim();
        if (DestinationProblem(destination) is { } problem)
        {
            throw new FaxSubmissionException("to", problem);
        }

        if (submission.Files.Count == 0)
        {
            throw new FaxSubmissionException("file", "at least one file is needed");
        }

        var id = $"{_time.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}"[..32];
        var final = Path.Combine(_outbox, id + ".tif");
        var body = submission.Cover is null ? final : Path.Combine(_outbox, id + ".body.tif");
        try
        {
            var converted = await _intake.ConvertAsync(submission.Files, body, cancellationToken).ConfigureAwait(false);
            var pages = converted.Pages;
            FaxJobCover? cover = null;
            if (submission.Cover is { } content)
            {
                pages = await _cover.PrependAsync(content with { Pages = converted.Pages, Date = _time.GetLocalNow(), ToNumber = content.ToNumber.Length > 0 ? content.ToNumber : destination }, body, final, cancellationToken).ConfigureAwait(false);
                File.Delete(body);
                cover = new FaxJobCover(content.To, content.From, content.Subject, content.Note);
            }

            var job = await _scheduler.SubmitAsync(
                new FaxJobSubmission(submission.Submitter, destination, submission.Account, final, pages, cover, submission.NotifyAddress),
                cancellationToken).ConfigureAwait(false);
            Log.Submitted(_logger, job.Id, submission.Submitter, pages);
            return job;
        }
        catch
        {
            TryDelete(body);
            TryDelete(final);
            throw;
        }
    }

    /// <summary>Cancels a job (hanging up its call if it is on one).</summary>
    public Task<FaxJob> CancelAsync(long id, CancellationToken cancellationToken) => _scheduler.CancelAsync(id, cancellationToken);

    /// <summary>Queues a failed or cancelled job again.</summary>
    public Task<FaxJob> RetryAsync(long id, CancellationToken cancellationToken) => _scheduler.RetryAsync(id, cancellationToken);

    /// <summary>Deletes a finished job and its document (overwritten first when <paramref name="secure"/>).</summary>
    public async Task<FaxJob> DeleteAsync(long id, bool secure, CancellationToken cancellationToken)
    {
        var job = await _scheduler.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        DurableFile.Delete(job.DocumentPath, secure);
        return job;
    }

    /// <inheritdoc />
    public InboundFaxAcceptance? Offer(InboundFaxCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!_storeAndForwardPorts.Contains(call.Via))
        {
            return _inbox.Offer(call);
        }

        // The name carries the port and the dialled number, so a document a crash leaves behind can still be queued.
        var number = new string(call.CalledNumber.Where(c => char.IsAsciiDigit(c) || c is '+' or '*' or '#').Take(32).ToArray());
        var path = Path.Combine(_outboxIncoming, $"{Guid.NewGuid():N}_{call.Via}_{number}.tif.part");
        return new InboundFaxAcceptance(path, _options.Outbox.LocalIdent);
    }

    /// <inheritdoc />
    public void Completed(InboundFaxCall call, InboundFaxOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!_storeAndForwardPorts.Contains(call.Via))
        {
            _inbox.Completed(call, outcome);
            return;
        }

        // Store-and-forward: the machine's document becomes a job for the number it dialled (its pages kept even when
        // the machine hung up early), off the gateway's thread.
        Track(Task.Run(() => ForwardAsync(call.Via, call.CalledNumber, outcome.ReceivePath)));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_notifier is not null)
        {
            await _notifier.DisposeAsync().ConfigureAwait(false);
        }

        // Store-and-forward hand-overs in flight finish first (each is a file move and one insert); one that cannot
        // leaves its document in outbox/incoming, which the next start queues.
        Task[] forwards;
        lock (_forwards)
        {
            forwards = [.. _forwards];
        }

        try
        {
            await Task.WhenAll(forwards).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Left for the next start.
        }

        await _scheduler.DisposeAsync().ConfigureAwait(false);
        await _inbox.DisposeAsync().ConfigureAwait(false);
        _scheduler.Store.Dispose();
    }

    private void Track(Task forward)
    {
        lock (_forwards)
        {
            _forwards.Add(forward);
        }

        _ = forward.ContinueWith(
            (done, state) =>
            {
                var forwards = (List<Task>)state!;
                lock (forwards)
                {
                    forwards.Remove(done);
                }
            },
            _forwards,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Why <paramref name="destination"/> cannot be dialled, or null when it can.</summary>
    internal static string? DestinationProblem(string destination) =>
        destination.Length == 0 ? "a fax number is required"
        : destination.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || destination.StartsWith("sips:", StringComparison.OrdinalIgnoreCase)
            ? (Uri.TryCreate(destination, UriKind.Absolute, out _) && destination.Contains('@', StringComparison.Ordinal) ? null : $"'{destination}' is not a SIP URI like sip:200@pbx.example")
        : IsFaxNumber(destination) ? null
        : $"'{destination}' is not a fax number (digits, *, #, a leading +; at most 32) or a SIP URI";

    /// <summary>1 to 32 of digits, * and #, after an optional +. A loop, not a regular expression: the box starts without
    /// loading the regular-expression engine (README, "The idle box").</summary>
    private static bool IsFaxNumber(string destination)
    {
        var digits = destination.AsSpan(destination.StartsWith('+') ? 1 : 0);
        return digits.Length is >= 1 and <= 32 && !digits.ContainsAnyExcept(DialChars);
    }

    private static readonly System.Buffers.SearchValues<char> DialChars = System.Buffers.SearchValues.Create("0123456789*#");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next start's clean-up.
        }
    }

    private async Task ForwardAsync(string port, string destination, string partPath)
    {
        try
        {
            var pages = File.Exists(partPath) ? PartialTiff.Salvage(partPath).Pages : 0;
            if (pages == 0)
            {
                Log.ForwardEmpty(_logger, port);
                TryDelete(partPath);
                return;
            }

            var final = Path.Combine(_outbox, Path.GetFileName(partPath)[..^".part".Length]);
            DurableFile.Fsync(partPath);
            DurableFile.Move(partPath, final);
            var job = await _scheduler.SubmitAsync(new FaxJobSubmission(port, destination, null, final, pages, null, null), CancellationToken.None).ConfigureAwait(false);
            Log.Forwarded(_logger, port, job.Id, pages);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JobStoreException or FaxJobOperationException or ObjectDisposedException)
        {
            // The document stays in outbox/incoming: the next start queues it.
            Log.ForwardFailed(_logger, port, e);
        }
    }

    private void RecoverStoreAndForward()
    {
        foreach (var part in Directory.EnumerateFiles(_outboxIncoming, "*.tif.part"))
        {
            var fields = Path.GetFileName(part)[..^".tif.part".Length].Split('_');
            if (fields.Length == 3 && _storeAndForwardPorts.Contains(fields[1]) && DestinationProblem(fields[2]) is null)
            {
                Log.ForwardRecovered(_logger, Path.GetFileName(part));
                Track(Task.Run(() => ForwardAsync(fields[1], fields[2], part)));
            }
        }
    }

    private int CountUndelivered() => _inbox.List().Count(f => f.HasPendingDeliveries);

    private void PublishInboxFigures() => _status.SetQueue(_status.Current.Queue with { InboxUndelivered = CountUndelivered() });

    /// <summary>Copies the scheduler's queue figures to the status board (keeping the inbox's count).</summary>
    private sealed class QueueFigures(StatusBoard status) : IFaxJobObserver
    {
        public ValueTask OnJobEventAsync(FaxJobEvent jobEvent, CancellationToken cancellationToken)
        {
            status.SetQueue(jobEvent.Queue with { InboxUndelivered = status.Current.Queue.InboxUndelivered });
            return ValueTask.CompletedTask;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = FaxBox.Core.LogEventIds.Services + 901, Level = LogLevel.Information, Message = "job {JobId} queued by {Submitter}: {Pages} page(s)")]
        public static partial void Submitted(ILogger logger, long jobId, string submitter, int pages);

        [LoggerMessage(EventId = FaxBox.Core.LogEventIds.Services + 902, Level = LogLevel.Information, Message = "{Port}: store-and-forward fax queued as job {JobId} ({Pages} page(s))")]
        public static partial void Forwarded(ILogger logger, string port, long jobId, int pages);

        [LoggerMessage(EventId = FaxBox.Core.LogEventIds.Services + 903, Level = LogLevel.Warning, Message = "{Port}: store-and-forward call ended with no complete page; nothing queued")]
        public static partial void ForwardEmpty(ILogger logger, string port);

        [LoggerMessage(EventId = FaxBox.Core.LogEventIds.Services + 904, Level = LogLevel.Error, Message = "{Port}: store-and-forward document could not be queued; it stays in outbox/incoming")]
        public static partial void ForwardFailed(ILogger logger, string port, Exception exception);

        [LoggerMessage(EventId = FaxBox.Core.LogEventIds.Services + 905, Level = LogLevel.Warning, Message = "store-and-forward document {File} was left by a crash: queuing its complete pages")]
        public static partial void ForwardRecovered(ILogger logger, string file);
    }
}
