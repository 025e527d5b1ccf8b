using FaxBox.CallControl.Terminals;
using FaxBox.FaxServer.Queue;

namespace FaxBox.FaxServer.Tests.Queue;

/// <summary>Start-up after a crash: jobs the database says were on a call.</summary>
public sealed class JobRecoveryTests : IDisposable
{
    private readonly TempFolder _folder = TestPaths.NewTempFolder();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Leaves a job "sending" with an open attempt on <paramref name="rung"/>, as a kill -9 during the call does.</summary>
    private long Crash(int rung, int pagesConfirmed, bool cancelRequested = false, int pages = 3)
    {
        using var store = JobStore.Open(_folder.File("jobs.db"), _time);
        var job = store.Submit(JobStoreTests.Submission(pages: pages));
        var position = new FaxLadderPosition(0, rung, 0, rung, 0);
        var (_, attempt) = store.BeginAttempt(job.Id, position, RetryLadder.RungIndex(position)!.Value)!.Value;
        if (pagesConfirmed > 0)
        {
            store.RecordPages(attempt.Id, pagesConfirmed);
        }

        if (cancelRequested)
        {
            store.Cancel(job.Id);
        }

        return job.Id;
    }

    private SchedulerHarness Restart() => new(folder: _folder, time: _time, ladder: l => l.InterruptedDelay = TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_job_left_on_a_call_is_requeued_on_the_same_rung_with_the_attempt_marked_interrupted()
    {
        long id = Crash(rung: 1, pagesConfirmed: 1);
        await using var h = Restart();
        await h.StartAsync();
        var job = h.Job(id);
        Assert.Equal(FaxJobState.Queued, job.State);
        Assert.Equal(1, job.Ladder.Step);
        Assert.Equal(1, job.Ladder.Interruptions);
        var attempt = Assert.Single(h.Store.Attempts(id));
        Assert.Equal(FaxAttemptOutcome.Interrupted, attempt.Outcome);
        Assert.Contains("1 of 3 pages", attempt.Reason, StringComparison.Ordinal);
        Assert.NotNull(attempt.Ended);
        Assert.Empty(h.Caller.Calls);

        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        var call = Assert.Single(h.Caller.Calls);
        Assert.Equal((FaxTransport.G711, true, 14400), (call.Request.Transport, call.Request.Ecm, call.Request.MaxBitRate));
        Assert.Equal($"job {id} attempt 2", call.Request.Tag);
    }

    [Fact]
    public async Task A_job_whose_every_page_was_confirmed_is_recorded_sent_and_not_called_again()
    {
        long id = Crash(rung: 0, pagesConfirmed: 3);
        await using var h = Restart();
        await h.StartAsync();
        Assert.Equal(FaxJobState.Sent, h.Job(id).State);
        Assert.Equal(FaxAttemptOutcome.Sent, h.Store.Attempts(id)[0].Outcome);
        Assert.Equal(0, h.Store.LearnedRung("0301234567"));
        await h.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Empty(h.Caller.Calls);
        Assert.Equal(FaxJobEventKind.Sent, Assert.Single(h.Events).Kind);
    }

    [Fact]
    public async Task A_cancel_asked_before_the_crash_is_honoured()
    {
        long id = Crash(rung: 0, pagesConfirmed: 0, cancelRequested: true);
        await using var h = Restart();
        await h.StartAsync();
        Assert.Equal(FaxJobState.Cancelled, h.Job(id).State);
        await h.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Empty(h.Caller.Calls);
    }

    [Fact]
    public async Task A_job_that_crashes_the_box_every_time_fails_after_the_limit()
    {
        long id = Crash(rung: 0, pagesConfirmed: 0);
        for (int restart = 1; restart <= 3; restart++)
        {
            await using var h = Restart();
            await h.StartAsync();
            if (restart < 3)
            {
                Assert.Equal(FaxJobState.Queued, h.Job(id).State);
                await h.AdvanceAsync(TimeSpan.FromSeconds(30));
                Assert.Single(h.Caller.Calls);

                // Die again during this call: dispose the store under the scheduler without letting it record anything.
                await h.Scheduler.StopAsync(CancellationToken.None);
                using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_folder.File("jobs.db")};Pooling=False");
                raw.Open();
                using var cmd = raw.CreateCommand();
                cmd.CommandText = "UPDATE jobs SET state = 'Sending'; UPDATE attempts SET ended = NULL, outcome = NULL WHERE id = (SELECT MAX(id) FROM attempts)";
                cmd.ExecuteNonQuery();
            }
            else
            {
                Assert.Equal(FaxJobState.Failed, h.Job(id).State);
                Assert.Contains("restarted during 3 calls", h.Job(id).LastResult, StringComparison.Ordinal);
            }
        }
    }
}
