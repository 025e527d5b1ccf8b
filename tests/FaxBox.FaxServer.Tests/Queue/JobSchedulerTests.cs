using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.FaxServer.Queue;

namespace FaxBox.FaxServer.Tests.Queue;

public sealed class JobSchedulerTests
{
    [Fact]
    public async Task A_submitted_job_is_called_on_the_top_rung_and_recorded_sent()
    {
        await using var h = new SchedulerHarness();
        await h.StartAsync();
        var job = await h.SubmitAsync();
        var call = Assert.Single(h.Caller.Calls);
        Assert.Equal(new FaxCallRequest("0301234567", "/var/lib/faxbox/outbox/doc.tif", FaxTransport.T38, true, 14400, null, "+49 30 9999", null, $"job {job.Id} attempt 1"), call.Request);
        Assert.Equal(new QueueStatus(1, 1, job.Submitted, 0), h.Scheduler.Queue);

        await h.EndAsync(call, FaxCallOutcomeKind.Sent, pages: 2);
        var sent = h.Job(job.Id);
        Assert.Equal(FaxJobState.Sent, sent.State);
        Assert.Equal(1, sent.Attempts);
        Assert.NotNull(sent.Finished);
        var attempt = Assert.Single(h.Store.Attempts(job.Id));
        Assert.Equal(FaxAttemptOutcome.Sent, attempt.Outcome);
        Assert.Equal(2, attempt.PagesConfirmed);
        Assert.Equal([FaxJobEventKind.Submitted, FaxJobEventKind.AttemptStarted, FaxJobEventKind.Sent], h.Events.Select(e => e.Kind));
        Assert.Equal(QueueStatus.Empty, h.Scheduler.Queue);
        Assert.Equal(QueueStatus.Empty, h.Events[^1].Queue);
    }

    [Fact]
    public async Task Busy_is_retried_when_the_back_off_has_passed_and_not_before()
    {
        await using var h = new SchedulerHarness();
        await h.StartAsync();
        var job = await h.SubmitAsync();
        await h.EndAsync(h.Caller.Calls[0], FaxCallOutcomeKind.Busy);
        Assert.Equal(FaxJobState.WaitingRetry, h.Job(job.Id).State);
        Assert.Equal(h.Time.GetUtcNow().AddMinutes(1), h.Job(job.Id).NextAttempt);

        await h.AdvanceAsync(TimeSpan.FromSeconds(59));
        Assert.Single(h.Caller.Calls);
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, h.Caller.Calls.Count);
        Assert.Equal(FaxTransport.T38, h.Caller.Calls[1].Request.Transport); // same rung: busy is not a fax failure
        Assert.Equal($"job {job.Id} attempt 2", h.Caller.Calls[1].Request.Tag);

        await h.EndAsync(h.Caller.Calls[1], FaxCallOutcomeKind.NoAnswer);
        await h.AdvanceAsync(TimeSpan.FromMinutes(2) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, h.Caller.Calls.Count);
        await h.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, h.Caller.Calls.Count);
    }

    [Fact]
    public async Task A_retry_that_falls_due_while_a_dispatch_runs_is_started_without_waiting_for_another_event()
    {
        // The crash trial's stuck job: a busy call's retry (20 ms back-off there) fell due while the dispatch after it was
        // writing another job's start to the database. That dispatch had looked before it was due, and the timer was then
        // armed only for jobs due after the dispatch ended, so the retry waited for some other event: on a quiet queue,
        // for ever. Here the dispatch takes two minutes of the fake clock and the back-off is one minute.
        await using var h = new SchedulerHarness(o => o.MaxCalls = 2);
        await h.StartAsync();
        var busy = await h.SubmitAsync(destination: "0301111111");
        await h.SubmitAsync(destination: "0302222222");
        var waiting = await h.SubmitAsync(destination: "0302222222"); // waits: one call per destination
        Assert.Equal(2, h.Caller.Calls.Count);
        h.OnEvent = e =>
        {
            if (e.Kind == FaxJobEventKind.RetryScheduled && e.Job.Id == busy.Id)
            {
                h.Caller.Calls[1].End(FaxCallOutcomeKind.Sent, 2); // handled in the same pass: its destination frees the waiting job
            }
            else if (e.Kind == FaxJobEventKind.AttemptStarted && e.Job.Id == waiting.Id)
            {
                h.Time.Advance(TimeSpan.FromMinutes(2)); // the dispatch starting it outlasts the busy job's back-off
            }

            return ValueTask.CompletedTask;
        };

        await h.EndAsync(h.Caller.Calls[0], FaxCallOutcomeKind.Busy);

        Assert.Equal(4, h.Caller.Calls.Count);
        Assert.Equal($"job {waiting.Id} attempt 1", h.Caller.Calls[2].Request.Tag);
        Assert.Equal($"job {busy.Id} attempt 2", h.Caller.Calls[3].Request.Tag);
    }

    [Fact]
    public async Task Fax_failures_walk_the_ladder_and_the_next_job_starts_where_it_worked()
    {
        await using var h = new SchedulerHarness(ladder: l => l.FaxFailureDelay = TimeSpan.FromSeconds(30));
        await h.StartAsync();
        var job = await h.SubmitAsync();
        await h.EndAsync(h.Caller.Calls[0], FaxCallOutcomeKind.FaxFailed);
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        await h.EndAsync(h.Caller.Calls[1], FaxCallOutcomeKind.FaxFailed);
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        await h.EndAsync(h.Caller.Calls[2], FaxCallOutcomeKind.Sent, 2);
        Assert.Equal(
            [(FaxTransport.T38, true, 14400), (FaxTransport.G711, true, 14400), (FaxTransport.T38, false, 9600)],
            h.Caller.Calls.Select(c => (c.Request.Transport, c.Request.Ecm, c.Request.MaxBitRate)));
        Assert.Equal(FaxJobState.Sent, h.Job(job.Id).State);

        // The next job to the same number starts on T.38 at 9600 without ECM; another number starts at the top.
        await h.SubmitAsync();
        await h.SubmitAsync("0409876543");
        Assert.Equal((FaxTransport.T38, false, 9600), (h.Caller.Calls[3].Request.Transport, h.Caller.Calls[3].Request.Ecm, h.Caller.Calls[3].Request.MaxBitRate));
        Assert.Equal((FaxTransport.T38, true, 14400), (h.Caller.Calls[4].Request.Transport, h.Caller.Calls[4].Request.Ecm, h.Caller.Calls[4].Request.MaxBitRate));

        // The learned rung failing too: the rest of the ladder in order, then failed.
        var second = h.Store.List(new FaxJobQuery { Destination = "0301234567", Limit = 1 }).Jobs[0];
        await h.EndAsync(h.Caller.Calls[3], FaxCallOutcomeKind.FaxFailed);
        for (int i = 0; i < 3; i++)
        {
            await h.AdvanceAsync(TimeSpan.FromSeconds(30));
            await h.EndAsync(h.Caller.Open.Single(c => c.Request.Destination == "0301234567"), FaxCallOutcomeKind.FaxFailed);
        }

        Assert.Equal(
            ["T.38 9600", "T.38+ECM 14400", "G.711+ECM 14400", "G.711 9600"],
            h.Store.Attempts(second.Id).Select(a => a.Rung.ToString()));
        Assert.Equal(FaxJobState.Failed, h.Job(second.Id).State);
    }

    [Fact]
    public async Task Calls_stay_within_the_total_and_per_account_limits()
    {
        await using var h = new SchedulerHarness(o => { o.MaxCalls = 3; o.MaxCallsPerAccount = 2; });
        await h.StartAsync();
        for (int i = 0; i < 4; i++)
        {
            await h.SubmitAsync($"10{i}", account: "trunkA");
        }

        for (int i = 0; i < 3; i++)
        {
            await h.SubmitAsync($"20{i}", account: "trunkB");
        }

        Assert.Equal(3, h.Caller.Open.Count);
        Assert.Equal(2, h.Caller.Open.Count(c => c.Request.Account == "trunkA"));
        Assert.Single(h.Caller.Open, c => c.Request.Account == "trunkB");
        Assert.Equal(new QueueStatus(7, 3, h.Job(1).Submitted, 0), h.Scheduler.Queue);

        await h.EndAsync(h.Caller.Open.First(c => c.Request.Account == "trunkA"), FaxCallOutcomeKind.Sent, 2);
        Assert.Equal(3, h.Caller.Open.Count);
        Assert.Equal(2, h.Caller.Open.Count(c => c.Request.Account == "trunkA"));

        for (int round = 0; round < 20 && h.Caller.Open.Count > 0; round++)
        {
            Assert.True(h.Caller.Open.Count <= 3);
            Assert.True(h.Caller.Open.Count(c => c.Request.Account == "trunkA") <= 2);
            Assert.True(h.Caller.Open.Count(c => c.Request.Account == "trunkB") <= 2);
            await h.EndAsync(h.Caller.Open[0], FaxCallOutcomeKind.Sent, 2);
        }

        Assert.Equal(7, h.Caller.Calls.Count);
        Assert.Equal(7, h.Store.List(new FaxJobQuery { States = [FaxJobState.Sent] }).Total);
    }

    [Fact]
    public async Task An_account_limit_override_and_one_call_per_destination_hold()
    {
        await using var h = new SchedulerHarness(o => { o.MaxCalls = 10; o.AccountLimits[JobSchedulerOptions.DefaultAccount] = 1; });
        await h.StartAsync();
        await h.SubmitAsync("100");
        await h.SubmitAsync("101");
        Assert.Single(h.Caller.Open);

        await using var d = new SchedulerHarness(o => o.MaxCalls = 10);
        await d.StartAsync();
        await d.SubmitAsync("100");
        await d.SubmitAsync("100");
        Assert.Single(d.Caller.Open);
        await d.EndAsync(d.Caller.Open[0], FaxCallOutcomeKind.Sent, 2);
        Assert.Single(d.Caller.Open);
        Assert.Equal(2, d.Caller.Calls.Count);
    }

    [Fact]
    public async Task Cancel_during_a_call_ends_the_call_and_the_job()
    {
        await using var h = new SchedulerHarness();
        await h.StartAsync();
        var job = await h.SubmitAsync();
        var marked = await h.Scheduler.CancelAsync(job.Id, CancellationToken.None);
        Assert.True(marked.CancelRequested);
        await h.IdleAsync();
        Assert.True(h.Caller.Calls[0].Ended);
        Assert.Equal(FaxJobState.Cancelled, h.Job(job.Id).State);
        Assert.Equal(FaxAttemptOutcome.Cancelled, Assert.Single(h.Store.Attempts(job.Id)).Outcome);
        Assert.Contains(FaxJobEventKind.CancelRequested, h.Events.Select(e => e.Kind));
        Assert.Equal(FaxJobEventKind.Cancelled, h.Events[^1].Kind);
        await h.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Single(h.Caller.Calls);
    }

    [Fact]
    public async Task Cancel_of_a_waiting_job_is_immediate_and_it_is_never_called()
    {
        await using var h = new SchedulerHarness();
        await h.StartAsync();
        var job = await h.SubmitAsync();
        await h.EndAsync(h.Caller.Calls[0], FaxCallOutcomeKind.Busy);
        Assert.Equal(FaxJobState.Cancelled, (await h.Scheduler.CancelAsync(job.Id, CancellationToken.None)).State);
        await h.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Single(h.Caller.Calls);
    }

    [Fact]
    public async Task A_last_page_that_went_through_before_the_cancel_keeps_the_job_sent()
    {
        await using var h = new SchedulerHarness();
        await h.StartAsync();
        var job = await h.SubmitAsync();
        h.Caller.Calls[0].End(FaxCallOutcomeKind.Sent, 2); // the outcome is on its way to the pump...
        await h.Scheduler.CancelAsync(job.Id, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default); // ...the cancel may lose the race
        await h.IdleAsync();
        Assert.Equal(FaxJobState.Sent, h.Job(job.Id).State);
    }

    [Fact]
    public async Task Retry_restarts_a_failed_job_and_delete_removes_a_finished_one()
    {
        await using var h = new SchedulerHarness();
        await h.StartAsync();
        var job = await h.SubmitAsync();
        await h.EndAsync(h.Caller.Calls[0], FaxCallOutcomeKind.Rejected);
        Assert.Equal(FaxJobState.Failed, h.Job(job.Id).State);
        await h.Scheduler.RetryAsync(job.Id, CancellationToken.None);
        await h.IdleAsync();
        Assert.Equal(2, h.Caller.Calls.Count);
        var e = await Assert.ThrowsAsync<FaxJobOperationException>(() => h.Scheduler.DeleteAsync(job.Id, CancellationToken.None));
        Assert.Equal(FaxJobOperationError.Conflict, e.Error);
        await h.EndAsync(h.Caller.Calls[1], FaxCallOutcomeKind.Sent, 2);
        Assert.Equal(job.Id, (await h.Scheduler.DeleteAsync(job.Id, CancellationToken.None)).Id);
        Assert.Null(h.Store.Get(job.Id));
    }

    [Fact]
    public async Task An_unplaceable_call_fails_the_job_and_a_throwing_caller_counts_as_a_network_error()
    {
        await using var h = new SchedulerHarness();
        await h.StartAsync();
        h.Caller.Throw = new ArgumentException("no SIP account 'trunkX'");
        var bad = await h.SubmitAsync(account: "trunkX");
        Assert.Equal(FaxJobState.Failed, h.Job(bad.Id).State);
        Assert.Contains("no SIP account 'trunkX'", h.Job(bad.Id).LastResult, StringComparison.Ordinal);

        h.Caller.Throw = new InvalidOperationException("socket gone");
        var flaky = await h.SubmitAsync("0409876543");
        Assert.Equal(FaxJobState.WaitingRetry, h.Job(flaky.Id).State);
        Assert.Equal(FaxAttemptOutcome.NetworkError, h.Store.Attempts(flaky.Id)[0].Outcome);
        h.Caller.Throw = null;
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        await h.EndAsync(h.Caller.Open.Single(), FaxCallOutcomeKind.Sent, 2);
        Assert.Equal(FaxJobState.Sent, h.Job(flaky.Id).State);
    }

    [Fact]
    public async Task Page_confirmations_are_stored_during_the_call_and_reported()
    {
        await using var h = new SchedulerHarness();
        await h.StartAsync();
        var job = await h.SubmitAsync(pages: 3);
        h.Caller.Calls[0].Page(1);
        h.Caller.Calls[0].Page(2);
        await h.IdleAsync();
        var attempt = Assert.Single(h.Store.Attempts(job.Id));
        Assert.Null(attempt.Outcome);
        Assert.Equal(2, attempt.PagesConfirmed);
        Assert.Equal([1, 2], h.Events.Where(e => e.Kind == FaxJobEventKind.Progress).Select(e => e.Progress!.Pages));
    }

    [Fact]
    public async Task A_failing_observer_does_not_stop_the_outbox()
    {
        await using var h = new SchedulerHarness();
        h.OnEvent = _ => throw new InvalidOperationException("mail queue full");
        await h.StartAsync();
        var job = await h.SubmitAsync();
        await h.EndAsync(h.Caller.Calls[0], FaxCallOutcomeKind.Sent, 2);
        Assert.Equal(FaxJobState.Sent, h.Job(job.Id).State);
    }

    [Fact]
    public async Task Stopping_during_a_call_requeues_the_job_on_the_same_rung_without_counting()
    {
        using var folder = TestPaths.NewTempFolder();
        var time = new ManualTimeProvider();
        long id;
        await using (var h = new SchedulerHarness(folder: folder, time: time, ladder: l => l.InterruptedDelay = TimeSpan.FromSeconds(10)))
        {
            await h.StartAsync();
            id = (await h.SubmitAsync()).Id;
            await h.EndAsync(h.Caller.Calls[0], FaxCallOutcomeKind.FaxFailed);
            await h.AdvanceAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(FaxTransport.G711, h.Caller.Calls[1].Request.Transport);
            await h.Scheduler.StopAsync(CancellationToken.None);
            var job = h.Job(id);
            Assert.Equal(FaxJobState.Queued, job.State);
            Assert.Equal(0, job.Ladder.Interruptions);
            Assert.Equal(FaxAttemptOutcome.Stopped, h.Store.Attempts(id)[1].Outcome);
        }

        await using var again = new SchedulerHarness(folder: folder, time: time, ladder: l => l.InterruptedDelay = TimeSpan.FromSeconds(10));
        await again.StartAsync();
        await again.AdvanceAsync(TimeSpan.FromSeconds(10));
        var call = Assert.Single(again.Caller.Calls);
        Assert.Equal((FaxTransport.G711, true), (call.Request.Transport, call.Request.Ecm));
    }

    [Fact]
    public async Task A_long_backlog_on_a_full_trunk_does_not_starve_another_trunk()
    {
        await using var h = new SchedulerHarness(o => { o.MaxCalls = 4; o.MaxCallsPerAccount = 1; });
        await h.StartAsync();
        for (int i = 0; i < 150; i++)
        {
            await h.Scheduler.SubmitAsync(JobStoreTests.Submission($"1{i:D3}", "trunkA"), CancellationToken.None);
        }

        await h.IdleAsync();
        Assert.Single(h.Caller.Open);
        await h.SubmitAsync("2000", "trunkB");
        Assert.Equal(2, h.Caller.Open.Count);
        Assert.Single(h.Caller.Open, c => c.Request.Account == "trunkB");
    }

    [Fact]
    public async Task An_outcome_the_scheduler_cannot_handle_is_logged_and_the_outbox_goes_on()
    {
        await using var h = new SchedulerHarness();
        await h.StartAsync();
        var odd = await h.SubmitAsync("100");
        await h.EndAsync(h.Caller.Calls[0], (FaxCallOutcomeKind)99);
        Assert.Equal(FaxJobState.Sending, h.Job(odd.Id).State); // left for the next start's recovery to close

        var next = await h.SubmitAsync("200");
        await h.EndAsync(h.Caller.Open.Single(), FaxCallOutcomeKind.Sent, 2);
        Assert.Equal(FaxJobState.Sent, h.Job(next.Id).State);
    }
}
