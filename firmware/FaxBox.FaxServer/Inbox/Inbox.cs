using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FaxBox.CallControl.Terminals;
using FaxBox.FaxServer.Delivery;
using FaxBox.FaxServer.Routing;
using Microsoft.Extensions.Logging;

namespace FaxBox.FaxServer.Inbox;

/// <summary>
/// The received-fax inbox: the gateway offers incoming fax calls (<see cref="IInboundFaxSink"/>), the inbox gives each
/// an id and a <c>.part</c> file, and when the call ends it keeps the complete pages, routes the fax
/// (<see cref="InboundRouter"/>) into a folder, and delivers it by e-mail and webhook with retries.
/// </summary>
/// <remarks>
/// Crash safety: every file is written with write, fsync, rename, fsync of the folder. A fax is committed in three
/// steps — its sidecar with the outcome is written into <c>incoming</c>, the TIFF is renamed into its folder, the
/// sidecar is renamed after it — and <see cref="StartAsync"/> finishes whatever step a crash interrupted; a
/// <c>.part</c> whose call never ended is kept to its complete pages and routed as a partial fax. Nothing received is
/// dropped because a delivery failed: the fax stays in its folder and the delivery is retried.
/// <see cref="IInboundFaxSink.Completed"/> only queues work: files and network run on background tasks.
/// </remarks>
public sealed partial class Inbox : IInboundFaxSink, IAsyncDisposable
{
    private readonly InboxOptions _options;
    private readonly InboundRouter _router;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InboxStore _store;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DeliveryWorker _delivery;
    private readonly Func<string, long> _freeSpace;
    private readonly ConcurrentDictionary<string, InboundFaxCall> _active = new(StringComparer.Ordinal);
    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _keptPastRetention = new(StringComparer.Ordinal);
    private Task? _worker;
    private ITimer? _retention;
    private volatile bool _accepting;

    /// <summary>Creates the inbox with e-mail (when <paramref name="smtp"/> has a host) and webhook (when a secret is set).</summary>
    /// <exception cref="InboundRoutingException">A route e-mails without an SMTP server, or calls a webhook without a secret.</exception>
    /// <exception cref="ArgumentException">The SMTP or webhook options are invalid (the message names the key).</exception>
    public Inbox(
        InboxOptions options,
        InboundRouter router,
        SmtpOptions smtp,
        WebhookOptions webhook,
        DeliveryRetryOptions retry,
        TimeProvider time,
        ILogger<Inbox> logger)
        : this(options, router, Transports(router, smtp, webhook), retry, time, logger, null)
    {
    }

    internal Inbox(
        InboxOptions options,
        InboundRouter router,
        IReadOnlyList<IFaxDeliveryTransport> transports,
        DeliveryRetryOptions retry,
        TimeProvider time,
        ILogger logger,
        Func<string, long>? freeSpace)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(router);
        _options = options;
        _router = router;
        _time = time;
        _logger = logger;
        _store = new InboxStore(options.DataDirectory);
        _freeSpace = freeSpace ?? (path => new DriveInfo(path).AvailableFreeSpace);
        _delivery = new DeliveryWorker(_store, _gate, transports, retry, time, logger, Raise);
        foreach ((string folder, _) in options.MaxAge)
        {
            if (InboundRouter.FolderProblem(folder) is { } problem)
            {
                throw new ArgumentException($"faxServer.inbox.maxAge: {problem}", nameof(options));
            }
        }
    }

    /// <summary>A fax was stored, a delivery attempted, or a fax deleted. Raised on a background task; handlers must not block.</summary>
    public event EventHandler<InboxChangedEventArgs>? Changed;

    /// <summary>The inbox's root folder (<c>&lt;data&gt;/inbox</c>).</summary>
    public string Root => _store.Root;

    /// <summary>For tests: called at each commit step ("received", "sidecar-written", "tiff-moved") to simulate a crash there.</summary>
    internal Action<string>? CrashPoint { get; set; }

    /// <summary>
    /// Creates the folders, finishes commits a crash interrupted, keeps the complete pages of <c>.part</c> files left by
    /// calls that never ended and routes them as partial faxes, resumes pending deliveries, and starts accepting faxes.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _store.EnsureFolders();
        _store.SweepTemporaryFiles();
        foreach (ReceivedFax fax in _store.Scan((path, reason) => LogBadSidecar(_logger, path, reason)))
        {
            _delivery.Schedule(fax);
        }

        foreach (string id in _store.LeftoverIds())
        {
            cancellationToken.ThrowIfCancellationRequested();
            RecoverLeftover(id);
        }

        _worker = Task.Run(WorkAsync, CancellationToken.None);
        _delivery.Start();
        _retention = _time.CreateTimer(_ => _work.Writer.TryWrite(SweepRetentionAsync), null, TimeSpan.Zero, _options.RetentionInterval);
        _accepting = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public InboundFaxAcceptance? Offer(InboundFaxCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!_accepting)
        {
            LogRefusedNotStarted(_logger, call.CallId);
            return null;
        }

        long free;
        try
        {
            free = _freeSpace(_store.Root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogRefusedDisk(_logger, call.CallId, ex.Message);
            return null;
        }

        if (free < _options.MinFreeBytes)
        {
            LogRefusedDiskFull(_logger, call.CallId, _store.Root, free / (1024 * 1024), _options.MinFreeBytes / (1024 * 1024));
            return null;
        }

        DateTimeOffset now = _time.GetUtcNow();
        string id = InboxStore.NewId(now);
        _active[id] = call;
        var receiving = new ReceivedFax(id, "incoming", call.CallId, call.CalledNumber, call.CallerNumber, call.CallerName, call.Via, null, null, 0, false, "receiving", now, null, null, null, []);
        _work.Writer.TryWrite(() =>
        {
            _store.SaveIncoming(receiving);
            return Task.CompletedTask;
        });
        LogOffered(_logger, id, call.CallId, call.Via);
        return new InboundFaxAcceptance(_store.PartPath(id), _options.LocalIdent);
    }

    /// <inheritdoc/>
    public void Completed(InboundFaxCall call, InboundFaxOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(outcome);
        string name = Path.GetFileName(outcome.ReceivePath);
        string id = name.EndsWith(".tif.part", StringComparison.Ordinal) ? name[..^".tif.part".Length] : string.Empty;
        if (!InboxStore.IsValidId(id) || !_active.TryRemove(id, out _) || Path.GetFullPath(outcome.ReceivePath) != _store.PartPath(id))
        {
            LogUnknownCompletion(_logger, call.CallId, outcome.ReceivePath);
            return;
        }

        DateTimeOffset ended = _time.GetUtcNow();
        if (!_work.Writer.TryWrite(() => StoreCompletedAsync(id, call, outcome, ended)))
        {
            // Stopping: the .part and its sidecar stay in incoming and are recovered on the next start.
            LogLeftForRecovery(_logger, id);
        }
    }

    /// <summary>The stored fax <paramref name="id"/>, or null.</summary>
    public ReceivedFax? Get(string id) => InboxStore.IsValidId(id) ? _store.TryLoad(id) : null;

    /// <summary>The stored TIFF of fax <paramref name="id"/>, or null when there is none (unknown id, or no page arrived).</summary>
    public string? GetDocumentPath(string id)
    {
        if (!InboxStore.IsValidId(id) || _store.FolderOf(id) is not { } folder)
        {
            return null;
        }

        string path = _store.TiffPath(folder, id);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The stored faxes, newest first, of one folder or of all.</summary>
    public IReadOnlyList<ReceivedFax> List(string? folder = null) =>
        [.. _store.Scan((path, reason) => LogBadSidecar(_logger, path, reason))
            .Where(f => folder is null || f.Folder == folder)
            .OrderByDescending(f => f.Id, StringComparer.Ordinal)];

    /// <summary>
    /// Deletes fax <paramref name="id"/> (document and sidecar); with <paramref name="secure"/> each file is overwritten
    /// with random bytes and flushed before it is unlinked. False when there is no such fax.
    /// </summary>
    public bool Delete(string id, bool secure)
    {
        if (!InboxStore.IsValidId(id))
        {
            return false;
        }

        ReceivedFax? fax;
        _gate.Wait();
        try
        {
            fax = _store.TryLoad(id);
            if (fax is null)
            {
                return false;
            }

            DurableFile.Delete(_store.TiffPath(fax.Folder, id), secure);
            DurableFile.Delete(_store.MetaPath(fax.Folder, id), secure);
            _store.Forget(id);
        }
        finally
        {
            _gate.Release();
        }

        LogDeleted(_logger, id, fax.Folder, secure);
        Raise(fax, InboxChangeKind.Deleted);
        return true;
    }

    /// <summary>Runs retention now (on the inbox's worker); completes when it has run.</summary>
    internal Task RunRetentionAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(async () =>
        {
            await SweepRetentionAsync().ConfigureAwait(false);
            done.TrySetResult();
        });
        return done.Task;
    }

    /// <summary>Makes the pending deliveries of one fax (or of all) due now, whatever their back-off.</summary>
    public void RetryDeliveries(string? id = null) => _delivery.RetryNow(id);

    /// <summary>Stops accepting, finishes the queued commits, and stops delivery.</summary>
    public async ValueTask DisposeAsync()
    {
        _accepting = false;
        if (_retention is not null)
        {
            await _retention.DisposeAsync().ConfigureAwait(false);
        }

        _work.Writer.TryComplete();
        if (_worker is not null)
        {
            await _worker.ConfigureAwait(false);
        }

        await _delivery.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private static List<IFaxDeliveryTransport> Transports(InboundRouter router, SmtpOptions smtp, WebhookOptions webhook)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(webhook);
        var list = new List<IFaxDeliveryTransport>();
        if (smtp.Host is not null)
        {
            list.Add(CreateEmail(smtp));
        }
        else if (router.Routes.FirstOrDefault(r => r.Email.Count > 0) is { } mailing)
        {
            throw new InboundRoutingException(mailing.RuleIndex, "the route e-mails faxes but faxServer.smtp.host is not set");
        }

        if (webhook.Secret is not null)
        {
            list.Add(CreateWebhook(webhook));
        }
        else if (router.Routes.FirstOrDefault(r => r.Webhook is not null) is { } hooked)
        {
            throw new InboundRoutingException(hooked.RuleIndex, "the route calls a webhook but faxServer.webhook.secret is not set");
        }

        return list;
    }

    // The transports are made in methods of their own, never inlined into Transports: compiling Transports must not load
    // MimeKit and System.Net.Http (≈ 2 MiB resident together) into a box that neither e-mails nor calls webhooks.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static EmailDelivery CreateEmail(SmtpOptions smtp) => new(smtp);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WebhookDelivery CreateWebhook(WebhookOptions webhook) => new(webhook);

    private async Task WorkAsync()
    {
        while (await _work.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_work.Reader.TryRead(out Func<Task>? item))
            {
                try
                {
                    await item().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    // The files stay where they are (incoming) and the next start finishes the commit.
                    LogWorkFailed(_logger, ex.Message);
                }
                catch (SimulatedCrashException)
                {
                    // Tests only: the "process" dies here; nothing after this point runs.
                    return;
                }
#pragma warning disable CA1031 // One fax's unexpected failure must not stop the inbox: logged, its files stay in incoming.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogWorkFailed(_logger, $"{ex.GetType().Name}: {ex.Message}");
                }
            }
        }
    }

    private async Task StoreCompletedAsync(string id, InboundFaxCall call, InboundFaxOutcome outcome, DateTimeOffset ended)
    {
        ReceivedFax fax;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            fax = Commit(id, Describe(id, call, ended) with
            {
                SubAddress = outcome.SubAddress,
                RemoteIdent = outcome.RemoteIdent,
                Success = outcome.Success,
                Result = outcome.Result,
                Ended = ended,
                Record = outcome.Record,
            });
        }
        finally
        {
            _gate.Release();
        }

        LogStored(_logger, fax.Id, fax.Folder, fax.Pages, fax.Success, fax.Deliveries.Count);
        _delivery.Schedule(fax);
        Raise(fax, InboxChangeKind.Stored);
    }

    private ReceivedFax Describe(string id, InboundFaxCall call, DateTimeOffset offered)
    {
        string path = _store.IncomingMetaPath(id);
        if (File.Exists(path))
        {
            try
            {
                return InboxStore.Read(path);
            }
            catch (InvalidDataException ex)
            {
                LogBadSidecar(_logger, path, ex.Message);
            }
        }

        return new ReceivedFax(id, "incoming", call.CallId, call.CalledNumber, call.CallerNumber, call.CallerName, call.Via, null, null, 0, false, "receiving", offered, null, null, null, []);
    }

    /// <summary>
    /// Keeps the complete pages of the <c>.part</c>, routes the fax and moves it into its folder (sidecar in incoming,
    /// TIFF into the folder, sidecar after it). Safe to run again on a half-done commit.
    /// </summary>
    private ReceivedFax Commit(string id, ReceivedFax fax)
    {
        string part = _store.PartPath(id);
        int pages = 0;
        bool dropped = false;
        if (File.Exists(part))
        {
            DurableFile.Fsync(part);
            (pages, dropped) = PartialTiff.Salvage(part);
        }
        else if (fax.Folder != "incoming" && File.Exists(_store.TiffPath(fax.Folder, id)))
        {
            pages = fax.Pages; // A previous commit moved the TIFF already.
        }

        CrashPoint?.Invoke("received");
        InboundRoute route = _router.Resolve(fax.CalledNumber, fax.SubAddress, fax.CallerNumber);
        string folder = fax.Folder == "incoming" ? route.Folder : fax.Folder;
        bool success = fax.Success && !dropped && pages > 0;
        string result = dropped ? $"{fax.Result}; an incomplete last page was dropped" : fax.Result;
        DateTimeOffset now = _time.GetUtcNow();
        ReceivedFax committed = fax.Folder == "incoming"
            ? fax with
            {
                Folder = folder,
                Pages = pages,
                Success = success,
                Result = result,
                RuleIndex = route.RuleIndex,
                Deliveries = pages > 0 ? DeliveryWorker.Plan(route, now) : [],
            }
            : fax;
        Directory.CreateDirectory(Path.Combine(_store.Root, folder));
        _store.SaveIncoming(committed);
        CrashPoint?.Invoke("sidecar-written");
        if (File.Exists(part))
        {
            if (pages > 0)
            {
                DurableFile.Move(part, _store.TiffPath(folder, id));
            }
            else
            {
                DurableFile.Delete(part, secure: false);
            }
        }

        CrashPoint?.Invoke("tiff-moved");
        _store.PublishIncoming(committed);
        return committed;
    }

    private void RecoverLeftover(string id)
    {
        var unknown = new InboundFaxCall("unknown", "unknown", null, null, "unknown");
        ReceivedFax fax = Describe(id, unknown, _time.GetUtcNow());
        if (fax.Ended is null)
        {
            // The box stopped while the call was in progress: keep what arrived, as a partial fax.
            fax = fax with { Success = false, Result = "recovered after restart: the box stopped during the call" };
        }

        try
        {
            ReceivedFax committed = Commit(id, fax);
            LogRecovered(_logger, id, committed.Folder, committed.Pages);
            _delivery.Schedule(committed);
            Raise(committed, InboxChangeKind.Stored);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            LogRecoveryFailed(_logger, id, ex.Message);
        }
    }

    private async Task SweepRetentionAsync()
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (ReceivedFax fax in List())
        {
            TimeSpan? maxAge = _options.MaxAge.TryGetValue(fax.Folder, out TimeSpan age) ? age : _options.DefaultMaxAge;
            if (maxAge is not { } limit || now - (fax.Ended ?? fax.Offered) <= limit)
            {
                continue;
            }

            if (fax.HasPendingDeliveries)
            {
                if (_keptPastRetention.Add(fax.Id))
                {
                    LogKeptPastRetention(_logger, fax.Id, fax.Folder);
                }

                continue;
            }

            _keptPastRetention.Remove(fax.Id);
            Delete(fax.Id, _options.SecureRetention);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private void Raise(ReceivedFax fax, InboxChangeKind kind)
    {
        try
        {
            Changed?.Invoke(this, new InboxChangedEventArgs(fax, kind));
        }
#pragma warning disable CA1031 // A subscriber's failure must not stop the inbox: it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogHandlerFailed(_logger, fax.Id, kind, ex);
        }
    }
}
