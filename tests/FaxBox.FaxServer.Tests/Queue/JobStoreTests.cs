using System.Text;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.FaxServer.Queue;
using Microsoft.Data.Sqlite;

namespace FaxBox.FaxServer.Tests.Queue;

public sealed class JobStoreTests : IDisposable
{
    private readonly TempFolder _folder = TestPaths.NewTempFolder();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _folder.Dispose();

    internal static FaxJobSubmission Submission(string destination = "0301234567", string? account = null, int pages = 2) =>
        new("admin", destination, account, "/var/lib/faxbox/outbox/doc.tif", pages, new FaxJobCover("Bob", "Alice", "Offer", "see attached"), "alice@example.com");

    private JobStore Open() => JobStore.Open(_folder.File("jobs.db"), _time);

    [Fact]
    public void A_submitted_job_survives_reopening_with_every_field()
    {
        long id;
        using (var store = Open())
        {
            id = store.Submit(Submission()).Id;
        }

        using var again = Open();
        var job = again.Get(id)!;
        Assert.Equal("0301234567", job.Destination);
        Assert.Equal(FaxJobState.Queued, job.State);
        Assert.Equal(2, job.Pages);
        Assert.Equal(new FaxJobCover("Bob", "Alice", "Offer", "see attached"), job.Cover);
        Assert.Equal("alice@example.com", job.NotifyAddress);
        Assert.Equal(_time.GetUtcNow(), job.Submitted);
        Assert.Equal(_time.GetUtcNow(), job.NextAttempt);
        Assert.Equal(0, job.Attempts);
        Assert.Equal("ok", again.IntegrityCheck());
    }

    [Fact]
    public void The_database_is_wal_with_full_sync_and_a_schema_version()
    {
        using (Open())
        {
        }

        using var raw = new SqliteConnection($"Data Source={_folder.File("jobs.db")};Pooling=False");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
        cmd.CommandText = "PRAGMA user_version";
        Assert.Equal((long)JobStore.SchemaVersion, cmd.ExecuteScalar());
    }

    [Theory]
    [InlineData("", 1, "no destination")]
    [InlineData("123", 0, "at least 1")]
    public void A_bad_submission_is_refused_with_the_reason(string destination, int pages, string expected)
    {
        using var store = Open();
        var e = Assert.Throws<ArgumentException>(() => store.Submit(Submission(destination, pages: pages)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_filters_and_pages_newest_first()
    {
        using var store = Open();
        for (int i = 0; i < 7; i++)
        {
            store.Submit(Submission(i % 2 == 0 ? "111" : "222"));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var all = store.List(new FaxJobQuery { Limit = 3 });
        Assert.Equal(7, all.Total);
        Assert.Equal([7L, 6, 5], all.Jobs.Select(j => j.Id));
        var second = store.List(new FaxJobQuery { Limit = 3, Offset = 3 });
        Assert.Equal([4L, 3, 2], second.Jobs.Select(j => j.Id));
        var to111 = store.List(new FaxJobQuery { Destination = "111" });
        Assert.Equal(4, to111.Total);
        Assert.All(to111.Jobs, j => Assert.Equal("111", j.Destination));
        store.Cancel(1);
        var cancelled = store.List(new FaxJobQuery { States = [FaxJobState.Cancelled] });
        Assert.Equal([1L], cancelled.Jobs.Select(j => j.Id));
        var recent = store.List(new FaxJobQuery { SubmittedFrom = new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero) });
        Assert.Equal([7L, 6], recent.Jobs.Select(j => j.Id));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.List(new FaxJobQuery { Limit = 0 }));
    }

    [Fact]
    public void Cancel_retry_and_delete_follow_the_state_rules()
    {
        using var store = Open();
        var job = store.Submit(Submission());
        Assert.Equal(FaxJobState.Cancelled, store.Cancel(job.Id).State);
        var conflict = Assert.Throws<FaxJobOperationException>(() => store.Cancel(job.Id));
        Assert.Equal(FaxJobOperationError.Conflict, conflict.Error);
        Assert.Contains($"job {job.Id} is cancelled", conflict.Message, StringComparison.Ordinal);

        var retried = store.Retry(job.Id);
        Assert.Equal(FaxJobState.Queued, retried.State);
        Assert.Null(retried.Finished);

        var begun = store.BeginAttempt(job.Id, RetryLadder.BeforeAttempt(retried.Ladder, null), 0)!.Value;
        Assert.Equal(FaxJobState.Sending, begun.Job.State);
        Assert.Equal(FaxJobOperationError.Conflict, Assert.Throws<FaxJobOperationException>(() => store.Delete(job.Id)).Error);
        Assert.Equal(FaxJobOperationError.Conflict, Assert.Throws<FaxJobOperationException>(() => store.Retry(job.Id)).Error);
        var marked = store.Cancel(job.Id);
        Assert.Equal(FaxJobState.Sending, marked.State);
        Assert.True(marked.CancelRequested);

        var deleted = store.FinishAttempt(job.Id, begun.Attempt.Id, FaxAttemptOutcome.Cancelled, "cancelled", null,
            new RetryLadder(new RetryLadderOptions()).Decide(begun.Job.Ladder, FaxAttemptOutcome.Cancelled, "cancelled", _time.GetUtcNow()));
        Assert.Equal(FaxJobState.Cancelled, deleted.State);
        Assert.Equal(job.Id, store.Delete(job.Id).Id);
        Assert.Null(store.Get(job.Id));
        Assert.Empty(store.Attempts(job.Id));
        Assert.Equal(FaxJobOperationError.NotFound, Assert.Throws<FaxJobOperationException>(() => store.Delete(job.Id)).Error);
        Assert.Equal(job.Id + 1, store.Submit(Submission()).Id); // ids are never reused
    }

    [Fact]
    public void A_sent_job_cannot_be_retried_or_begun_again()
    {
        using var store = Open();
        var ladder = new RetryLadder(new RetryLadderOptions());
        var job = store.Submit(Submission());
        var (j, a) = store.BeginAttempt(job.Id, RetryLadder.BeforeAttempt(job.Ladder, null), 0)!.Value;
        var call = new FaxCallOutcome(FaxCallOutcomeKind.Sent, "ok", 2, null, "+49 30 1234", null);
        var sent = store.FinishAttempt(j.Id, a.Id, FaxAttemptOutcome.Sent, "ok", call, ladder.Decide(j.Ladder, FaxAttemptOutcome.Sent, "ok", _time.GetUtcNow()));
        Assert.Equal(FaxJobState.Sent, sent.State);
        Assert.Null(store.BeginAttempt(job.Id, sent.Ladder, 0));
        Assert.Equal(FaxJobOperationError.Conflict, Assert.Throws<FaxJobOperationException>(() => store.Retry(job.Id)).Error);

        // A late second report for the same job never moves it out of sent.
        var after = store.FinishAttempt(j.Id, a.Id, FaxAttemptOutcome.FaxFailed, "late", null, ladder.Decide(j.Ladder, FaxAttemptOutcome.FaxFailed, "late", _time.GetUtcNow()));
        Assert.Equal(FaxJobState.Sent, after.State);
        var attempt = Assert.Single(store.Attempts(job.Id));
        Assert.Equal(FaxAttemptOutcome.Sent, attempt.Outcome);
        Assert.Equal("+49 30 1234", attempt.RemoteIdent);
        Assert.Equal(0, store.LearnedRung(job.Destination));
    }

    [Fact]
    public void The_fax_record_round_trips_as_json()
    {
        using var store = Open();
        var job = store.Submit(Submission());
        var (j, a) = store.BeginAttempt(job.Id, RetryLadder.BeforeAttempt(job.Ladder, null), 1)!.Value;
        var record = new FaxRecord("r1", "call-1", "terminal", "outbound", "100", "0301234567", _time.GetUtcNow(), _time.GetUtcNow().AddSeconds(40),
            CallMediaMode.G711Fax, "policy", null, 2, 14400, true, true, "ok", new FaxNetworkStatistics(10, 12, 0, 1, 2.5))
        {
            T30Frames = [new(TimeSpan.FromSeconds(3), T30FrameOrigin.Remote, "DIS", "FF138000EEF8"), new(TimeSpan.FromSeconds(4.02), T30FrameOrigin.Local, "DCS", "FF13830046")],
        };
        store.FinishAttempt(j.Id, a.Id, FaxAttemptOutcome.Sent, "ok", new FaxCallOutcome(FaxCallOutcomeKind.Sent, "ok", 2, null, null, record), new RetryLadder(new RetryLadderOptions()).Decide(j.Ladder, FaxAttemptOutcome.Sent, "ok", _time.GetUtcNow()));
        var stored = Assert.Single(store.Attempts(job.Id));
        Assert.Equal(record.T30Frames, stored.Record!.T30Frames.AsEnumerable());
        Assert.Equal(record, stored.Record with { T30Frames = record.T30Frames });
        Assert.Equal(RetryLadder.Rungs[1], stored.Rung);
        Assert.Equal(2, stored.PagesConfirmed);
    }

    [Fact]
    public void Queue_figures_count_unfinished_jobs()
    {
        using var store = Open();
        Assert.Equal(QueueStatus.Empty, store.Figures());
        var first = store.Submit(Submission());
        _time.Advance(TimeSpan.FromMinutes(3));
        store.Submit(Submission());
        var third = store.Submit(Submission());
        store.Cancel(third.Id);
        store.BeginAttempt(first.Id, RetryLadder.BeforeAttempt(first.Ladder, null), 0);
        Assert.Equal(new QueueStatus(2, 1, first.Submitted, 0), store.Figures());
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_reported_and_left_alone()
    {
        string path = _folder.File("jobs.db");
        byte[] junk = Encoding.ASCII.GetBytes(new string('x', 8192));
        File.WriteAllBytes(path, junk);
        var e = Assert.Throws<JobStoreException>(() => JobStore.Open(path, _time));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("not an SQLite database", e.Message, StringComparison.Ordinal);
        Assert.Equal(junk, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_damaged_database_is_reported_and_left_alone()
    {
        string path = _folder.File("jobs.db");
        using (var store = JobStore.Open(path, _time))
        {
            for (int i = 0; i < 300; i++)
            {
                store.Submit(Submission(new string('9', 200)));
            }
        }

        // Overwrite the middle of the file (b-tree pages), keeping the header, as a failing SD card would.
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 16384, $"database only {bytes.Length} bytes");
        for (int i = 4096 + 100; i < bytes.Length - 4096; i += 7)
        {
            bytes[i] = 0xA5;
        }

        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<JobStoreException>(() => JobStore.Open(path, _time));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Contains("damaged", StringComparison.Ordinal) || e.Message.Contains("corrupt", StringComparison.Ordinal), e.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_newer_schema_is_refused_by_version()
    {
        string path = _folder.File("jobs.db");
        using (Open())
        {
        }

        using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<JobStoreException>(Open);
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_sqlite_database_is_refused()
    {
        string path = _folder.File("jobs.db");
        using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "CREATE TABLE contacts (name TEXT)";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<JobStoreException>(Open);
        Assert.Contains("not a FaxBox job database", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_cannot_be_opened_is_reported_with_the_path()
    {
        string path = _folder.File("jobs.db");
        Directory.CreateDirectory(path); // a folder where the file should be
        var e = Assert.Throws<JobStoreException>(() => JobStore.Open(path, _time));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be opened", e.Message, StringComparison.Ordinal);
    }
}
