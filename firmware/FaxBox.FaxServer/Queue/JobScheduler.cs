using System.Globalization;
using System.Threading.Channels;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using Microsoft.Extensions.Logging;

namespace FaxBox.FaxServer.Queue;

/// <summary>
/// Runs the outbox: picks due jobs within the call limits (total, per account, one per destination), places each call
/// through <see cref="IFaxCaller"/> on the rung the <see cref="RetryLadder"/> chooses, records the attempt and the job's
/// next state, and tells the <see cref="IFaxJobObserver"/>s. One async loop (the pump) owns the calls in flight: no
/// thread per job, and every clocked wait is a timer on the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// What a crash guarantees (kill -9 or power loss at any moment): a submission acknowledged (the call to
/// <see cref="SubmitAsync"/> returned) is on disk; a job recorded sent is never placed again; a job found on a call at
/// start-up is closed as interrupted and requeued on the same rung (the rung is not stepped down for it) — unless the
/// far end had confirmed (MCF) every page and that confirmation had reached the database, in which case it is recorded
/// sent. The document is sent twice only when the box dies between the far end's MCF for the last page and the write of
/// that confirmation (milliseconds; the write runs off the media path), and pages of a document interrupted mid-way are
/// sent again from page 1.
/// </remarks>
public sealed partial class JobScheduler : IAsyncDisposable
{
    private readonly JobStore _store;
    private readonly IFaxCaller _caller;
    private readonly RetryLadder _ladder;
    private readonly JobSchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IFaxJobObserver[] _observers;
    private readonly Channel<Signal> _signals = Channel.CreateUnbounded<Signal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<long, InFlight> _inFlight = [];
    private readonly Dictionary<string, int> _accountCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _busyDestinations = new(StringComparer.Ordinal);
    private readonly Lock _idleLock = new();
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private Task? _pump;
    private int _pending;
    private int _callsInFlight;
    private bool _isIdle;
    private volatile bool _stopping;
    private QueueStatus _queue = QueueStatus.Empty;

    /// <summary>Makes a scheduler; nothing runs before <see cref="StartAsync"/>.</summary>
    public JobScheduler(
        JobStore store,
        IFaxCaller caller,
        RetryLadder ladder,
        JobSchedulerOptions options,
        TimeProvider time,
        ILogger<JobScheduler> logger,
        IEnumerable<IFaxJobObserver>? observers = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _store = store;
        _caller = caller;
        _ladder = ladder;
        _options = options;
        _time = time;
        _logger = logger;
        _observers = observers?.ToArray() ?? [];
    }

    /// <summary>The job database (for list, get and attempts).</summary>
    public JobStore Store => _store;

    /// <summary>The outbox figures after the last change (InboxUndelivered is 0: the inbox adds its own).</summary>
    public QueueStatus Queue => Volatile.Read(ref _queue);

    /// <summary>Calls on the line now (exact on the pump; a moment old elsewhere).</summary>
    internal int CallsInFlight => Volatile.Read(ref _callsInFlight);

    /// <summary>
    /// Closes the attempts a crash left open (interrupted, requeued; or sent when every page had been confirmed), then
    /// starts the pump.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_pump is not null)
        {
            throw new InvalidOperationException("the scheduler is already started");
        }

        await RecoverAsync(cancellationToken).ConfigureAwait(false);
        RefreshQueue();
        _timer = _time.CreateTimer(static s => ((JobScheduler)s!).Post(Signal.Wake), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Post(Signal.Wake);
        _pump = Task.Run(PumpAsync, CancellationToken.None);
    }

    /// <summary>
    /// Ends the calls in flight (their attempts are recorded as stopped and the jobs requeued on the same rung) and waits
    /// for the pump to record them, or until <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_pump is null || _stopping)
        {
            return;
        }

        _stopping = true;
        Post(Signal.Stop);
        try
        {
            await _pump.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _timer?.Dispose();
        }
    }

    /// <summary>Stores a new job and wakes the pump; when this returns the job is on disk.</summary>
    public async Task<FaxJob> SubmitAsync(FaxJobSubmission submission, CancellationToken cancellationToken)
    {
        var job = _store.Submit(submission);
        LogSubmitted(_logger, job.Id, job.Pages, job.Submitter);
        await RaiseAsync(FaxJobEventKind.Submitted, job, null, null, cancellationToken).ConfigureAwait(false);
        Post(Signal.Wake);
        return job;
    }

    /// <summary>
    /// Cancels a job: at once when it waits; by ending its call when it is on one (the job becomes cancelled when the
    /// call has ended — or sent, if the last page went through first). Throws <see cref="FaxJobOperationException"/>.
    /// </summary>
    public async Task<FaxJob> CancelAsync(long id, CancellationToken cancellationToken)
    {
        var job = _store.Cancel(id);
        if (job.State == FaxJobState.Sending)
        {
            LogCancelRequested(_logger, id);
            Post(new Signal.CancelCall(id));
            await RaiseAsync(FaxJobEventKind.CancelRequested, job, null, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RaiseAsync(FaxJobEventKind.Cancelled, job, null, null, cancellationToken).ConfigureAwait(false);
        }

        return job;
    }

    /// <summary>Tries a failed, cancelled or waiting job again now. Throws <see cref="FaxJobOperationException"/>.</summary>
    public async Task<FaxJob> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var job = _store.Retry(id);
        await RaiseAsync(FaxJobEventKind.Requeued, job, null, null, cancellationToken).ConfigureAwait(false);
        Post(Signal.Wake);
        return job;
    }

    /// <summary>Deletes a job that is not on a call and returns it (the caller removes its document).</summary>
    public async Task<FaxJob> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var job = _store.Delete(id);
        await RaiseAsync(FaxJobEventKind.Deleted, job, null, null, cancellationToken).ConfigureAwait(false);
        return job;
    }

    /// <summary>
    /// For tests: completes when the pump has handled every signal posted so far and is waiting (calls may still be on
    /// the line). Throws <see cref="TimeoutException"/> after <paramref name="limit"/> of real time.
    /// </summary>
    internal async Task WaitIdleAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        for (int round = 0; round < 100_000; round++)
        {
            Task next;
            lock (_idleLock)
            {
                if (_isIdle && _pending == 0)
                {
                    return;
                }

                next = _idle.Task;
            }

            try
            {
                await next.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the job scheduler was not idle within {limit}");
            }

            if (_pump is { IsFaulted: true } pump)
            {
                await pump.ConfigureAwait(false);
            }
        }

        throw new TimeoutException("the job scheduler never settled");
    }

    /// <summary>Stops (bounded to 10 s) and releases the timer.</summary>
    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

    }

    private void Post(Signal signal)
    {
        lock (_idleLock)
        {
            _pending++;
            _isIdle = false;
        }

        if (!_signals.Writer.TryWrite(signal))
        {
            lock (_idleLock)
            {
                _pending--;
            }
        }
    }

    private async Task PumpAsync()
    {
        var reader = _signals.Reader;
        while (true)
        {
            while (reader.TryRead(out var signal))
            {
                try
                {
                    await HandleAsync(signal).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The database failed (disk full) or a bug: log it and keep the outbox running; a timer tries again.
                    LogStoreFailed(_logger, e, e.Message);
                    _timer?.Change(_options.StoreErrorDelay, Timeout.InfiniteTimeSpan);
                }
                finally
                {
                    lock (_idleLock)
                    {
                        _pending--;
                    }
                }
            }

            if (_stopping && _inFlight.Count == 0)
            {
                lock (_idleLock)
                {
                    _isIdle = true;
                    _idle.TrySetResult();
                }

                return;
            }

            try
            {
                if (!_stopping)
                {
                    var now = _time.GetUtcNow();
                    await DispatchAsync(now).ConfigureAwait(false);
                    ArmTimer(now);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogStoreFailed(_logger, e, e.Message);
                _timer?.Change(_options.StoreErrorDelay, Timeout.InfiniteTimeSpan);
            }

            lock (_idleLock)
            {
                if (_pending == 0)
                {
                    _isIdle = true;
                    var done = _idle;
                    _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    done.TrySetResult();
                }
            }

            await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(Signal signal)
    {
        switch (signal)
        {
            case Signal.Progress p:
                await OnProgressAsync(p).ConfigureAwait(false);
                break;
            case Signal.Completed c:
                await OnCompletedAsync(c).ConfigureAwait(false);
                break;
            case Signal.CancelCall cancel:
                if (_inFlight.TryGetValue(cancel.JobId, out var call))
                {
                    await call.Cancellation.CancelAsync().ConfigureAwait(false);
                }

                break;
            case Signal.StopAll:
                foreach (var f in _inFlight.Values)
                {
                    await f.Cancellation.CancelAsync().ConfigureAwait(false);
                }

                break;
            default:
                break; // a wake-up: dispatching follows the drain
        }
    }

    private async Task DispatchAsync(DateTimeOffset now)
    {
        int free = _options.MaxCalls - _inFlight.Count;
        if (free <= 0)
        {
            return;
        }

        int batch = Math.Max(16, _options.MaxCalls * 4);
        for (int round = 0; round < 1000 && free > 0; round++)
        {
            var due = _store.Due(now, batch, FullAccounts(), _options.OneCallPerDestination ? BusyDestinations() : []);
            int started = 0;
            foreach (var job in due)
            {
                if (free == 0)
                {
                    break;
                }

                if (_inFlight.ContainsKey(job.Id) || !HasRoom(job))
                {
                    continue;
                }

                var position = RetryLadder.BeforeAttempt(job.Ladder, _store.LearnedRung(job.Destination));
                if (RetryLadder.RungIndex(position) is not { } rung)
                {
                    continue; // cannot happen: the ladder fails a job before it runs out of rungs
                }

                if (_store.BeginAttempt(job.Id, position, rung) is not { } begun)
                {
                    continue; // cancelled or deleted meanwhile
                }

                free--;
                started++;
                Start(begun.Job, begun.Attempt);
                await RaiseAsync(FaxJobEventKind.AttemptStarted, begun.Job, begun.Attempt, null, CancellationToken.None).ConfigureAwait(false);
            }

            if (started == 0 || due.Count < batch)
            {
                break; // nothing more can start now: the next completion or due time wakes the pump
            }
        }
    }

    private List<string?> FullAccounts()
    {
        var full = new List<string?>();
        foreach (var f in _inFlight.Values)
        {
            string? account = f.Job.Account;
            if (!full.Contains(account) && _accountCalls.GetValueOrDefault(AccountKey(account)) >= _options.LimitFor(account))
            {
                full.Add(account);
            }
        }

        return full;
    }

    private List<string> BusyDestinations() => [.. _busyDestinations.Keys];

    private bool HasRoom(FaxJob job) =>
        _accountCalls.GetValueOrDefault(AccountKey(job.Account)) < _options.LimitFor(job.Account)
        && !(_options.OneCallPerDestination && _busyDestinations.ContainsKey(job.Destination));

    private static string AccountKey(string? account) => account ?? "\0";

    private void Track(FaxJob job, int delta)
    {
        string key = AccountKey(job.Account);
        int calls = _accountCalls.GetValueOrDefault(key) + delta;
        if (calls == 0)
        {
            _accountCalls.Remove(key);
        }
        else
        {
            _accountCalls[key] = calls;
        }

        int toDestination = _busyDestinations.GetValueOrDefault(job.Destination) + delta;
        if (toDestination == 0)
        {
            _busyDestinations.Remove(job.Destination);
        }
        else
        {
            _busyDestinations[job.Destination] = toDestination;
        }

        Volatile.Write(ref _callsInFlight, _inFlight.Count);
    }

    private void Start(FaxJob job, FaxJobAttempt attempt)
    {
        var rung = attempt.Rung;
        var request = new FaxCallRequest(
            job.Destination,
            job.DocumentPath,
            rung.Transport,
            rung.Ecm,
            rung.MaxBitRate,
            job.Account,
            _options.LocalIdent,
            _options.CallerNumber,
            string.Create(CultureInfo.InvariantCulture, $"job {job.Id} attempt {attempt.Number}"));
        var flight = new InFlight(job, attempt, new CancellationTokenSource());
        _inFlight.Add(job.Id, flight);
        Track(job, +1);
        LogAttemptStarted(_logger, job.Id, attempt.Number, rung.ToString());
        flight.Task = RunCallAsync(flight, request);
    }

    private async Task RunCallAsync(InFlight flight, FaxCallRequest request)
    {
        FaxCallOutcome? outcome = null;
        Exception? error = null;
        try
        {
            var progress = new AttemptProgress(this, flight.Job.Id, flight.Attempt.Id);
            outcome = await _caller.SendAsync(request, progress, flight.Cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (flight.Cancellation.IsCancellationRequested)
        {
            outcome = new FaxCallOutcome(FaxCallOutcomeKind.Cancelled, "cancelled", 0, null, null, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = e;
        }

        Post(new Signal.Completed(flight.Job.Id, outcome, error));
    }

    private async Task OnProgressAsync(Signal.Progress p)
    {
        if (!_inFlight.TryGetValue(p.JobId, out var flight) || flight.Attempt.Id != p.AttemptId)
        {
            return;
        }

        if (p.Step.Phase == "D" && p.Step.Pages > 0)
        {
            _store.RecordPages(p.AttemptId, p.Step.Pages); // what a crash after the last MCF is judged by
        }

        await RaiseAsync(FaxJobEventKind.Progress, flight.Job, flight.Attempt, p.Step, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task OnCompletedAsync(Signal.Completed c)
    {
        if (!_inFlight.Remove(c.JobId, out var flight))
        {
            return;
        }

        Track(flight.Job, -1);
        flight.Cancellation.Dispose();
        var job = _store.Get(c.JobId);
        FaxAttemptOutcome outcome;
        string reason;
        if (c.Error is ArgumentException bad)
        {
            outcome = FaxAttemptOutcome.CallerError;
            reason = bad.Message;
        }
        else if (c.Error is { } error)
        {
            LogCallerFailed(_logger, error, c.JobId);
            outcome = FaxAttemptOutcome.NetworkError;
            reason = "the call failed: " + error.Message;
        }
        else
        {
            outcome = RetryLadder.FromCall(c.Outcome!.Kind);
            reason = c.Outcome.Reason;
            if (outcome == FaxAttemptOutcome.Cancelled && job is not { CancelRequested: true })
            {
                outcome = _stopping ? FaxAttemptOutcome.Stopped : FaxAttemptOutcome.NetworkError;
            }
        }

        if (job is null)
        {
            return; // deleted behind our back: nothing to record
        }

        var decision = _ladder.Decide(job.Ladder, outcome, reason, _time.GetUtcNow());
        var updated = _store.FinishAttempt(job.Id, flight.Attempt.Id, outcome, reason, c.Outcome, decision);
        LogAttemptEnded(_logger, job.Id, flight.Attempt.Number, outcome, updated.State, updated.LastResult ?? string.Empty);
        var attempt = _store.Attempts(job.Id).FirstOrDefault(a => a.Id == flight.Attempt.Id);
        await RaiseAsync(KindFor(updated.State), updated, attempt, null, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var (job, attempt) in _store.Unfinished())
        {
            FaxAttemptOutcome outcome;
            string reason;
            if (job.CancelRequested)
            {
                (outcome, reason) = (FaxAttemptOutcome.Cancelled, "cancelled; the box restarted during the call");
            }
            else if (attempt is not null && attempt.PagesConfirmed >= job.Pages)
            {
                (outcome, reason) = (FaxAttemptOutcome.Sent, string.Create(CultureInfo.InvariantCulture, $"all {job.Pages} pages confirmed before the box restarted"));
            }
            else
            {
                (outcome, reason) = (FaxAttemptOutcome.Interrupted, string.Create(CultureInfo.InvariantCulture, $"the box restarted during the call ({attempt?.PagesConfirmed ?? 0} of {job.Pages} pages confirmed)"));
            }

            var decision = _ladder.Decide(job.Ladder, outcome, reason, _time.GetUtcNow());
            var updated = _store.FinishAttempt(job.Id, attempt?.Id, outcome, reason, null, decision);
            LogRecovered(_logger, job.Id, outcome, updated.State);
            await RaiseAsync(KindFor(updated.State), updated, attempt, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static FaxJobEventKind KindFor(FaxJobState state) => state switch
    {
        FaxJobState.Sent => FaxJobEventKind.Sent,
        FaxJobState.Failed => FaxJobEventKind.Failed,
        FaxJobState.Cancelled => FaxJobEventKind.Cancelled,
        FaxJobState.WaitingRetry => FaxJobEventKind.RetryScheduled,
        _ => FaxJobEventKind.Requeued,
    };

    /// <summary>
    /// Wakes the pump when the first job due after <paramref name="dispatched"/> (the time the dispatch that just ran
    /// looked at) falls due. Not after now: a job that fell due while that dispatch ran (its back-off shorter than the
    /// dispatch's database writes) was due for neither and waited for an unrelated event, for ever on a quiet queue. One
    /// that is due already wakes the pump at once.
    /// </summary>
    private void ArmTimer(DateTimeOffset dispatched)
    {
        if (_store.NextDueAfter(dispatched) is { } due)
        {
            var wait = due - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                _timer?.Change(wait, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                Post(Signal.Wake);
            }
        }
        else
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void RefreshQueue() => Volatile.Write(ref _queue, _store.Figures());

    private async Task RaiseAsync(FaxJobEventKind kind, FaxJob job, FaxJobAttempt? attempt, FaxProgress? progress, CancellationToken cancellationToken)
    {
        if (kind != FaxJobEventKind.Progress)
        {
            RefreshQueue();
        }

        var e = new FaxJobEvent(kind, job, attempt, progress, Queue);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnJobEventAsync(e, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogObserverFailed(_logger, ex, kind, job.Id);
            }
        }
    }

    private sealed class InFlight(FaxJob job, FaxJobAttempt attempt, CancellationTokenSource cancellation)
    {
        public FaxJob Job { get; } = job;

        public FaxJobAttempt Attempt { get; } = attempt;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Task? Task { get; set; }
    }

    private sealed class AttemptProgress(JobScheduler owner, long jobId, long attemptId) : IProgress<FaxProgress>
    {
        public void Report(FaxProgress value) => owner.Post(new Signal.Progress(jobId, attemptId, value));
    }

    private abstract record Signal
    {
        public static Signal Wake { get; } = new WakeSignal();

        public static Signal Stop { get; } = new StopAll();

        public sealed record WakeSignal : Signal;

        public sealed record StopAll : Signal;

        public sealed record CancelCall(long JobId) : Signal;

        public sealed record Progress(long JobId, long AttemptId, FaxProgress Step) : Signal;

        public sealed record Completed(long JobId, FaxCallOutcome? Outcome, Exception? Error) : Signal;
    }
}
