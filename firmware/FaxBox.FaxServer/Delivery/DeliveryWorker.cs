using System.Threading.Channels;
using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Routing;
using Microsoft.Extensions.Logging;

namespace FaxBox.FaxServer.Delivery;

/// <summary>
/// Makes the pending deliveries of stored faxes, one fax at a time on one background task, and retries failures with
/// back-off from the injected clock. The state of each delivery lives in the fax's sidecar, so a restart resumes it.
/// Delivery is at least once: a crash after the server accepted and before the sidecar was updated sends again.
/// </summary>
internal sealed partial class DeliveryWorker : IAsyncDisposable
{
    private readonly InboxStore _store;
    private readonly SemaphoreSlim _gate;
    private readonly Dictionary<DeliveryKind, IFaxDeliveryTransport> _transports;
    private readonly DeliveryRetryOptions _retry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<ReceivedFax, InboxChangeKind> _changed;
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);
    private readonly HashSet<string> _forced = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public DeliveryWorker(
        InboxStore store,
        SemaphoreSlim gate,
        IEnumerable<IFaxDeliveryTransport> transports,
        DeliveryRetryOptions retry,
        TimeProvider time,
        ILogger logger,
        Action<ReceivedFax, InboxChangeKind> changed)
    {
        _store = store;
        _gate = gate;
        _transports = transports.ToDictionary(t => t.Kind);
        _retry = retry;
        _time = time;
        _logger = logger;
        _changed = changed;
    }

    /// <summary>The planned deliveries of a fax routed by <paramref name="route"/>, all due at <paramref name="now"/>.</summary>
    public static List<DeliveryState> Plan(InboundRoute route, DateTimeOffset now)
    {
        var list = new List<DeliveryState>();
        foreach (string recipient in route.Email)
        {
            list.Add(new DeliveryState(DeliveryKind.Email, recipient, route.EmailFormat, false, 0, now, null, null));
        }

        if (route.Webhook is { } url)
        {
            list.Add(new DeliveryState(DeliveryKind.Webhook, url.AbsoluteUri, FaxAttachmentFormat.Pdf, route.WebhookIncludesPdf, 0, now, null, null));
        }

        return list;
    }

    /// <summary>Starts the loop.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Schedules the pending deliveries of <paramref name="fax"/> at their due times.</summary>
    public void Schedule(ReceivedFax fax)
    {
        DateTimeOffset? next = null;
        foreach (DeliveryState d in fax.Deliveries)
        {
            if (d.IsPending && (next is null || (d.NextAttempt ?? fax.Offered) < next))
            {
                next = d.NextAttempt ?? fax.Offered;
            }
        }

        if (next is { } due)
        {
            lock (_due)
            {
                _due[fax.Id] = due;
            }

            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Makes every pending delivery due now (of one fax, or of all).</summary>
    public void RetryNow(string? id)
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_due)
        {
            foreach (string key in _due.Keys.ToList())
            {
                if (id is null || key == id)
                {
                    _due[key] = now;
                    _forced.Add(key);
                }
            }
        }

        _wake.Writer.TryWrite(true);
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
        foreach (IFaxDeliveryTransport transport in _transports.Values)
        {
            (transport as IDisposable)?.Dispose();
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            DateTimeOffset now = _time.GetUtcNow();
            string? id = null;
            DateTimeOffset? next = null;
            lock (_due)
            {
                foreach ((string key, DateTimeOffset due) in _due)
                {
                    if (due <= now && (id is null || string.CompareOrdinal(key, id) < 0))
                    {
                        id = key;
                    }
                    else if (due > now && (next is null || due < next))
                    {
                        next = due;
                    }
                }

                if (id is not null)
                {
                    _due.Remove(id);
                }
            }

            if (id is not null)
            {
                try
                {
                    await AttemptAsync(id, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FaxDocumentException)
                {
                    // The store itself failed (disk error, corrupt sidecar): try again later rather than spin.
                    LogStoreError(_logger, id, ex.Message);
                    lock (_due)
                    {
                        _due[id] = now + _retry.MaxDelay;
                    }
                }

                continue;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
            Task woken = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();
            Task timer = next is { } n ? Task.Delay(n - now, _time, wait.Token) : Task.Delay(Timeout.InfiniteTimeSpan, _time, wait.Token);
            await Task.WhenAny(woken, timer).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
    }

    private async Task AttemptAsync(string id, CancellationToken stop)
    {
        ReceivedFax? fax;
        await _gate.WaitAsync(stop).ConfigureAwait(false);
        try
        {
            fax = _store.TryLoad(id);
        }
        finally
        {
            _gate.Release();
        }

        if (fax is null || !fax.HasPendingDeliveries)
        {
            return;
        }

        bool forced;
        lock (_due)
        {
            forced = _forced.Remove(id);
        }

        DateTimeOffset now = _time.GetUtcNow();
        string tiff = _store.TiffPath(fax.Folder, fax.Id);
        var due = fax.Deliveries.Select((d, i) => (d, i)).Where(x => x.d.IsPending && (forced || (x.d.NextAttempt ?? now) <= now)).ToList();
        bool needsPdf = due.Any(x => x.d.Kind == DeliveryKind.Email ? x.d.Format == FaxAttachmentFormat.Pdf : x.d.IncludePdf);
        string? pdf = null;
        var results = new Dictionary<int, string?>();
        try
        {
            if (needsPdf)
            {
                pdf = _store.PdfPath(fax.Id);
                FaxPdfExporter.Export(tiff, pdf);
            }

            foreach ((DeliveryState delivery, int index) in due)
            {
                results[index] = await TryDeliverAsync(fax, delivery, tiff, pdf, stop).ConfigureAwait(false);
            }
        }
        finally
        {
            if (pdf is not null)
            {
                DurableFile.TryDelete(pdf);
            }
        }

        await _gate.WaitAsync(stop).ConfigureAwait(false);
        try
        {
            // Reload: the fax may have been deleted or retried meanwhile.
            fax = _store.TryLoad(id);
            if (fax is null)
            {
                return;
            }

            DateTimeOffset end = _time.GetUtcNow();
            var deliveries = fax.Deliveries.ToList();
            foreach ((int index, string? error) in results)
            {
                if (index >= deliveries.Count || !deliveries[index].IsPending)
                {
                    continue;
                }

                DeliveryState d = deliveries[index];
                int attempts = d.Attempts + 1;
                deliveries[index] = error is null
                    ? d with { Attempts = attempts, DeliveredAt = end, NextAttempt = null, LastError = null }
                    : d with { Attempts = attempts, NextAttempt = end + _retry.DelayAfter(attempts), LastError = error };
            }

            fax = fax with { Deliveries = deliveries };
            _store.Save(fax);
        }
        finally
        {
            _gate.Release();
        }

        Schedule(fax);
        _changed(fax, InboxChangeKind.DeliveryAttempted);
    }

    private async Task<string?> TryDeliverAsync(ReceivedFax fax, DeliveryState delivery, string tiff, string? pdf, CancellationToken stop)
    {
        string target = delivery.Kind == DeliveryKind.Webhook ? WebhookDelivery.Redacted(delivery.Target) : delivery.Target;
        if (!_transports.TryGetValue(delivery.Kind, out IFaxDeliveryTransport? transport))
        {
            string missing = $"no {delivery.Kind} transport is configured";
            LogFailed(_logger, fax.Id, delivery.Kind, target, delivery.Attempts + 1, missing);
            return missing;
        }

        try
        {
            await transport.DeliverAsync(fax, delivery, tiff, pdf, stop).ConfigureAwait(false);
            LogDelivered(_logger, fax.Id, delivery.Kind, target, delivery.Attempts + 1);
            return null;
        }
        catch (DeliveryException ex)
        {
            LogFailed(_logger, fax.Id, delivery.Kind, target, delivery.Attempts + 1, ex.Message);
            return ex.Message;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever a transport throws, the fax stays and the delivery is retried with the reason kept.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            string reason = $"{ex.GetType().Name}: {ex.Message}";
            LogFailed(_logger, fax.Id, delivery.Kind, target, delivery.Attempts + 1, reason);
            return reason;
        }
    }
}
