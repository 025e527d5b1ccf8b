using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.FaxServer.Storage;

namespace FaxBox.FaxServer.Queue;

/// <summary>
/// The persistent outbox: one SQLite file in the data folder (WAL journal, <c>synchronous=FULL</c>, so a committed change
/// survives power loss), schema versioned by <c>PRAGMA user_version</c>. Every state change is one transaction. A file
/// that is not a readable job database is reported (naming the file), never replaced. Thread-safe: one connection,
/// one lock; every call is short (the scheduler calls it off the media path).
/// </summary>
public sealed partial class JobStore : IDisposable
{
    /// <summary>The schema version this firmware writes.</summary>
    public const int SchemaVersion = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly SqliteDatabase _connection;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private bool _disposed;

    private JobStore(string path, SqliteDatabase connection, TimeProvider time)
    {
        Path = path;
        _connection = connection;
        _time = time;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (or creates) the job database at <paramref name="path"/>, checks it (<c>PRAGMA quick_check</c>) and brings its
    /// schema up to <see cref="SchemaVersion"/>. Throws <see cref="JobStoreException"/> naming the file when it is not a
    /// readable job database; the file is left untouched.
    /// </summary>
    public static JobStore Open(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        path = System.IO.Path.GetFullPath(path);
        string? folder = System.IO.Path.GetDirectoryName(path);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        SqliteDatabase connection;
        try
        {
            connection = SqliteDatabase.Open(path, TimeSpan.FromSeconds(5));
        }
        catch (SqliteFailureException e)
        {
            throw new JobStoreException(Describe(path, e), e);
        }
        catch (DllNotFoundException e)
        {
            throw new JobStoreException($"job database {path}: SQLite's library libsqlite3.so.0 cannot be loaded: install Debian's libsqlite3-0 ({e.Message})", e);
        }

        try
        {
            string mode = Convert.ToString(connection.Scalar("PRAGMA journal_mode = WAL"), CultureInfo.InvariantCulture) ?? string.Empty;
            if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new JobStoreException($"job database {path}: could not switch to WAL (journal_mode is '{mode}')");
            }

            connection.Execute("PRAGMA synchronous = FULL");
            connection.Execute("PRAGMA foreign_keys = ON");
            string check = Convert.ToString(connection.Scalar("PRAGMA quick_check"), CultureInfo.InvariantCulture) ?? string.Empty;
            if (!check.Equals("ok", StringComparison.Ordinal))
            {
                throw new JobStoreException($"job database {path} is damaged (quick_check: {check}); it was left as it is: move it aside to start an empty queue, or repair it with sqlite3 .recover");
            }

            Migrate(connection, path);
            return new JobStore(path, connection, time);
        }
        catch (SqliteFailureException e)
        {
            connection.Dispose();
            throw new JobStoreException(Describe(path, e), e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Adds a job (state queued, due now); when this returns, the job is on disk.</summary>
    public FaxJob Submit(FaxJobSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (string.IsNullOrWhiteSpace(submission.Destination))
        {
            throw new ArgumentException("the job has no destination number", nameof(submission));
        }

        if (string.IsNullOrWhiteSpace(submission.DocumentPath))
        {
            throw new ArgumentException("the job has no document", nameof(submission));
        }

        if (submission.Pages < 1)
        {
            throw new ArgumentException($"the job's document has {submission.Pages} pages; at least 1 is needed", nameof(submission));
        }

        long now = Ms(_time.GetUtcNow());
        return Write(tx =>
        {
            using var cmd = Command(tx, """
                INSERT INTO jobs (submitted, submitter, destination, account, document_path, pages, cover_json, notify,
                                  state, next_attempt, updated)
                VALUES ($now, $submitter, $destination, $account, $document, $pages, $cover, $notify, 'Queued', $now, $now)
                RETURNING id
                """);
            cmd.Bind("$now", now);
            cmd.Bind("$submitter", submission.Submitter ?? string.Empty);
            cmd.Bind("$destination", submission.Destination.Trim());
            cmd.Bind("$account", submission.Account);
            cmd.Bind("$document", submission.DocumentPath);
            cmd.Bind("$pages", submission.Pages);
            cmd.Bind("$cover", submission.Cover is null ? null : JsonSerializer.Serialize(submission.Cover, Json));
            cmd.Bind("$notify", submission.NotifyAddress);
            long id = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
            return GetJob(tx, id)!;
        });
    }

    /// <summary>The job, or null.</summary>
    public FaxJob? Get(long id) => Read(tx => GetJob(tx, id));

    /// <summary>The job's attempts, oldest first.</summary>
    public IReadOnlyList<FaxJobAttempt> Attempts(long jobId) => Read(tx =>
    {
        using var cmd = Command(tx, $"SELECT {AttemptColumns} FROM attempts WHERE job_id = $id ORDER BY id");
        cmd.Bind("$id", jobId);
        return ReadAttempts(cmd);
    });

    /// <summary>Jobs matching <paramref name="query"/>, newest first, with the total count.</summary>
    public FaxJobPage List(FaxJobQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000);
        return Read(tx =>
        {
            var where = new List<string>();
            using var count = Command(tx, string.Empty);
            using var list = Command(tx, string.Empty);
            void Bind(string name, object value)
            {
                count.Bind(name, value);
                list.Bind(name, value);
            }

            if (query.States.Count > 0)
            {
                var names = new List<string>();
                int i = 0;
                foreach (var state in query.States.Distinct())
                {
                    names.Add($"$s{i}");
                    Bind($"$s{i++}", state.ToString());
                }

                where.Add($"state IN ({string.Join(", ", names)})");
            }

            if (query.Destination is not null)
            {
                where.Add("destination = $destination");
                Bind("$destination", query.Destination);
            }

            if (query.Submitter is not null)
            {
                where.Add("submitter = $submitter");
                Bind("$submitter", query.Submitter);
            }

            if (query.SubmittedFrom is { } from)
            {
                where.Add("submitted >= $from");
                Bind("$from", Ms(from));
            }

            if (query.SubmittedBefore is { } before)
            {
                where.Add("submitted < $before");
                Bind("$before", Ms(before));
            }

            string filter = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where);
            count.CommandText = "SELECT COUNT(*) FROM jobs" + filter;
            int total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            list.CommandText = $"SELECT {JobColumns} FROM jobs{filter} ORDER BY id DESC LIMIT $limit OFFSET $offset";
            list.Bind("$limit", query.Limit);
            list.Bind("$offset", query.Offset);
            return new FaxJobPage(ReadJobs(list), total);
        });
    }

    /// <summary>
    /// Cancels a job. A queued or waiting job is cancelled at once; a job on a call is marked (<see cref="FaxJob.CancelRequested"/>)
    /// and the scheduler ends its call. Throws <see cref="FaxJobOperationException"/> for an unknown or finished job.
    /// </summary>
    public FaxJob Cancel(long id) => Write(tx =>
    {
        var job = GetJob(tx, id) ?? throw NotFound(id);
        long now = Ms(_time.GetUtcNow());
        switch (job.State)
        {
            case FaxJobState.Queued or FaxJobState.WaitingRetry:
                Update(tx, "UPDATE jobs SET state = 'Cancelled', next_attempt = NULL, last_result = 'cancelled', updated = $now, finished = $now WHERE id = $id", id, now);
                break;
            case FaxJobState.Sending:
                Update(tx, "UPDATE jobs SET cancel_requested = 1, updated = $now WHERE id = $id", id, now);
                break;
            default:
                throw new FaxJobOperationException(FaxJobOperationError.Conflict, $"job {id} is {job.State.ToString().ToLowerInvariant()}; only unfinished jobs can be cancelled");
        }

        return GetJob(tx, id)!;
    });

    /// <summary>
    /// Tries a job again: a failed or cancelled job starts over (ladder, retries and interruptions reset; the destination's
    /// learned rung is tried first), a waiting job becomes due now. Throws for an unknown, sending or sent job.
    /// </summary>
    public FaxJob Retry(long id) => Write(tx =>
    {
        var job = GetJob(tx, id) ?? throw NotFound(id);
        long now = Ms(_time.GetUtcNow());
        switch (job.State)
        {
            case FaxJobState.Failed or FaxJobState.Cancelled:
                Update(tx, """
                    UPDATE jobs SET state = 'Queued', first_rung = NULL, rung_step = 0, retries = 0, fax_failures = 0, interruptions = 0,
                                    cancel_requested = 0, next_attempt = $now, last_result = 'retry requested', updated = $now, finished = NULL
                    WHERE id = $id
                    """, id, now);
                break;
            case FaxJobState.Queued or FaxJobState.WaitingRetry:
                Update(tx, "UPDATE jobs SET next_attempt = $now, updated = $now WHERE id = $id", id, now);
                break;
            default:
                throw new FaxJobOperationException(FaxJobOperationError.Conflict, $"job {id} is {job.State.ToString().ToLowerInvariant()}; it cannot be retried (submit the document again to resend it)");
        }

        return GetJob(tx, id)!;
    });

    /// <summary>
    /// Deletes a job and its attempts and returns it (the caller removes its document). Throws for an unknown job or one
    /// on a call (cancel it first).
    /// </summary>
    public FaxJob Delete(long id) => Write(tx =>
    {
        var job = GetJob(tx, id) ?? throw NotFound(id);
        if (job.State == FaxJobState.Sending)
        {
            throw new FaxJobOperationException(FaxJobOperationError.Conflict, $"job {id} is on a call; cancel it first");
        }

        Update(tx, "DELETE FROM jobs WHERE id = $id", id, 0);
        return job;
    });

    /// <summary>Runs <c>PRAGMA integrity_check</c>; "ok" when the file is sound.</summary>
    public string IntegrityCheck() => Read(tx =>
    {
        using var cmd = Command(tx, "PRAGMA integrity_check");
        return string.Join("; ", ReadStrings(cmd));
    });

    /// <summary>The queue figures for the status board (InboxUndelivered is the inbox's figure: 0 here).</summary>
    public QueueStatus Figures() => Read(tx =>
    {
        using var cmd = Command(tx, """
            SELECT COUNT(*), COALESCE(SUM(state = 'Sending'), 0), MIN(submitted)
            FROM jobs WHERE state IN ('Queued', 'WaitingRetry', 'Sending')
            """);
        cmd.Read();
        return new QueueStatus(cmd.GetInt32(0), cmd.GetInt32(1), cmd.IsDBNull(2) ? null : FromMs(cmd.GetInt64(2)), 0);
    });

    /// <summary>
    /// Queued and waiting jobs due at <paramref name="now"/>, most overdue first (at most <paramref name="limit"/>), leaving
    /// out those through <paramref name="fullAccounts"/> (null stands for jobs without an account) and those to
    /// <paramref name="busyDestinations"/>, so that a backlog on a full trunk cannot hide the jobs that could go now.
    /// </summary>
    internal IReadOnlyList<FaxJob> Due(DateTimeOffset now, int limit, IReadOnlyCollection<string?> fullAccounts, IReadOnlyCollection<string> busyDestinations) => Read(tx =>
    {
        using var cmd = Command(tx, $"""
            SELECT {JobColumns} FROM jobs
            WHERE state IN ('Queued', 'WaitingRetry') AND next_attempt <= $now
              AND NOT ($defaultFull AND account IS NULL)
              AND (account IS NULL OR account NOT IN (SELECT value FROM json_each($accounts)))
              AND destination NOT IN (SELECT value FROM json_each($destinations))
            ORDER BY next_attempt, id LIMIT $limit
            """);
        cmd.Bind("$now", Ms(now));
        cmd.Bind("$limit", limit);
        cmd.Bind("$defaultFull", fullAccounts.Contains(null) ? 1 : 0);
        cmd.Bind("$accounts", JsonStringArray(fullAccounts));
        cmd.Bind("$destinations", JsonStringArray(busyDestinations));
        return ReadJobs(cmd);
    });

    /// <summary>
    /// A JSON array of the non-null strings (for json_each), written directly: JsonSerializer's reflection path compiled
    /// dynamic methods and built serializer metadata for two string lists at every start, ≈ 0.5 MiB an idle box kept
    /// (issue 7). Same text as JsonSerializer.Serialize with the default encoder.
    /// </summary>
    internal static string JsonStringArray(IEnumerable<string?> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                if (value is not null)
                {
                    writer.WriteStringValue(value);
                }
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>When the earliest queued or waiting job falls due after <paramref name="after"/>; null when there is none.</summary>
    internal DateTimeOffset? NextDueAfter(DateTimeOffset after) => Read(tx =>
    {
        using var cmd = Command(tx, "SELECT MIN(next_attempt) FROM jobs WHERE state IN ('Queued', 'WaitingRetry') AND next_attempt > $after");
        cmd.Bind("$after", Ms(after));
        object? value = cmd.ExecuteScalar();
        return value is null or DBNull ? (DateTimeOffset?)null : FromMs(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    });

    /// <summary>Jobs left in sending (by a crash), each with its open attempt when there is one.</summary>
    internal IReadOnlyList<(FaxJob Job, FaxJobAttempt? Attempt)> Unfinished() => Read(tx =>
    {
        using var cmd = Command(tx, $"SELECT {JobColumns} FROM jobs WHERE state = 'Sending' ORDER BY id");
        var jobs = ReadJobs(cmd);
        var result = new List<(FaxJob, FaxJobAttempt?)>(jobs.Count);
        foreach (var job in jobs)
        {
            using var a = Command(tx, $"SELECT {AttemptColumns} FROM attempts WHERE job_id = $id AND ended IS NULL ORDER BY id DESC LIMIT 1");
            a.Bind("$id", job.Id);
            var open = ReadAttempts(a);
            result.Add((job, open.Count > 0 ? open[0] : null));
        }

        return result;
    });

    /// <summary>The rung index that last sent a fax to <paramref name="destination"/>, if any.</summary>
    internal int? LearnedRung(string destination) => Read(tx =>
    {
        using var cmd = Command(tx, "SELECT rung FROM destination_profiles WHERE destination = $d");
        cmd.Bind("$d", destination);
        object? value = cmd.ExecuteScalar();
        return value is null or DBNull ? (int?)null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    });

    /// <summary>
    /// Puts a due job on a call: state sending, attempts + 1, the ladder position stored, an open attempt row — in one
    /// transaction. Null when the job is no longer due (cancelled, deleted, already taken).
    /// </summary>
    internal (FaxJob Job, FaxJobAttempt Attempt)? BeginAttempt(long jobId, FaxLadderPosition position, int rungIndex)
    {
        var rung = RetryLadder.Rungs[rungIndex];
        long now = Ms(_time.GetUtcNow());
        return Write<(FaxJob, FaxJobAttempt)?>(tx =>
        {
            using var cmd = Command(tx, """
                UPDATE jobs SET state = 'Sending', attempts = attempts + 1, first_rung = $first, rung_step = $step, next_attempt = NULL, updated = $now
                WHERE id = $id AND state IN ('Queued', 'WaitingRetry') AND cancel_requested = 0
                """);
            cmd.Bind("$id", jobId);
            cmd.Bind("$first", position.FirstRung);
            cmd.Bind("$step", position.Step);
            cmd.Bind("$now", now);
            if (cmd.ExecuteNonQuery() != 1)
            {
                return null;
            }

            var job = GetJob(tx, jobId)!;
            using var insert = Command(tx, $"""
                INSERT INTO attempts (job_id, number, started, rung, transport, ecm, max_bit_rate)
                VALUES ($job, $number, $now, $rung, $transport, $ecm, $rate)
                RETURNING {AttemptColumns}
                """);
            insert.Bind("$job", jobId);
            insert.Bind("$number", job.Attempts);
            insert.Bind("$now", now);
            insert.Bind("$rung", rungIndex);
            insert.Bind("$transport", rung.Transport.ToString());
            insert.Bind("$ecm", rung.Ecm ? 1 : 0);
            insert.Bind("$rate", rung.MaxBitRate);
            var attempt = ReadAttempts(insert)[0];
            return (job, attempt);
        });
    }

    /// <summary>Records that the far end confirmed <paramref name="pages"/> pages on an open attempt (never lowers it).</summary>
    internal void RecordPages(long attemptId, int pages) => Write(tx =>
    {
        using var cmd = Command(tx, "UPDATE attempts SET pages_confirmed = MAX(pages_confirmed, $pages) WHERE id = $id AND ended IS NULL");
        cmd.Bind("$id", attemptId);
        cmd.Bind("$pages", pages);
        cmd.ExecuteNonQuery();
        return 0;
    });

    /// <summary>
    /// Closes an attempt and moves its job as <paramref name="decision"/> says, remembering the learned rung for the
    /// destination and, when the job ends sent or failed with a notify address, its pending notification — in one transaction. A job already final (sent) is left as it is and returned unchanged.
    /// </summary>
    internal FaxJob FinishAttempt(long jobId, long? attemptId, FaxAttemptOutcome outcome, string reason, FaxCallOutcome? call, RetryDecision decision)
    {
        long now = Ms(_time.GetUtcNow());
        return Write(tx =>
        {
            var job = GetJob(tx, jobId) ?? throw NotFound(jobId);
            if (attemptId is { } aid)
            {
                using var a = Command(tx, """
                    UPDATE attempts SET ended = $now, outcome = $outcome, reason = $reason,
                        pages_confirmed = MAX(pages_confirmed, $pages), sip_status = $sip, remote_ident = $ident, record_json = $record
                    WHERE id = $id AND ended IS NULL
                    """);
                a.Bind("$id", aid);
                a.Bind("$now", now);
                a.Bind("$outcome", outcome.ToString());
                a.Bind("$reason", reason);
                a.Bind("$pages", call?.PagesSent ?? 0);
                a.Bind("$sip", call?.SipStatus);
                a.Bind("$ident", call?.RemoteIdent);
                a.Bind("$record", call?.Record is null ? null : JsonSerializer.Serialize(call.Record, Json));
                a.ExecuteNonQuery();
            }

            if (job.State != FaxJobState.Sending)
            {
                return job; // a final state is never left by an attempt's end
            }

            bool final = decision.State is FaxJobState.Sent or FaxJobState.Failed or FaxJobState.Cancelled;
            using var cmd = Command(tx, """
                UPDATE jobs SET state = $state, first_rung = $first, rung_step = $step, retries = $retries, fax_failures = $fax,
                    interruptions = $interruptions, next_attempt = $next, last_result = $result, updated = $now, finished = $finished
                WHERE id = $id
                """);
            cmd.Bind("$id", jobId);
            cmd.Bind("$state", decision.State.ToString());
            cmd.Bind("$first", decision.Position.FirstRung);
            cmd.Bind("$step", decision.Position.Step);
            cmd.Bind("$retries", decision.Position.Retries);
            cmd.Bind("$fax", decision.Position.FaxFailures);
            cmd.Bind("$interruptions", decision.Position.Interruptions);
            cmd.Bind("$next", decision.NextAttempt is { } n ? Ms(n) : null);
            cmd.Bind("$result", decision.Result);
            cmd.Bind("$now", now);
            cmd.Bind("$finished", final ? now : null);
            cmd.ExecuteNonQuery();
            AddNotification(tx, job, attemptId, decision.State, decision.Result, now);
            if (decision.LearnedRung is { } rung)
            {
                using var p = Command(tx, """
                    INSERT INTO destination_profiles (destination, rung, updated) VALUES ($d, $rung, $now)
                    ON CONFLICT(destination) DO UPDATE SET rung = excluded.rung, updated = excluded.updated
                    """);
                p.Bind("$d", job.Destination);
                p.Bind("$rung", rung);
                p.Bind("$now", now);
                p.ExecuteNonQuery();
            }

            return GetJob(tx, jobId)!;
        });
    }

    /// <summary>Closes the connection (checkpointing the WAL).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
        }
    }

    private static FaxJobOperationException NotFound(long id) => new(FaxJobOperationError.NotFound, $"no job {id}");

    private T Read<T>(Func<SqliteTransaction?, T> body)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return body(null);
            }
            catch (SqliteFailureException e)
            {
                throw new JobStoreException(Describe(Path, e), e);
            }
        }
    }

    private T Write<T>(Func<SqliteTransaction, T> body)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var tx = _connection.BeginTransaction();
                var result = body(tx);
                tx.Commit();
                return result;
            }
            catch (SqliteFailureException e)
            {
                throw new JobStoreException(Describe(Path, e), e);
            }
        }
    }

    /// <summary>A statement; <paramref name="tx"/> only shows that a write runs inside its transaction.</summary>
    private SqliteStatement Command(SqliteTransaction? tx, string sql) => _connection.Command(sql);

    private object? Scalar(SqliteTransaction? tx, string sql) => _connection.Scalar(sql);

    private void Update(SqliteTransaction tx, string sql, long id, long now)
    {
        using var cmd = Command(tx, sql);
        cmd.Bind("$id", id);
        if (sql.Contains("$now", StringComparison.Ordinal))
        {
            cmd.Bind("$now", now);
        }

        cmd.ExecuteNonQuery();
    }

    private static string Describe(string path, SqliteFailureException e) => e.Code switch
    {
        26 => $"job database {path} is not an SQLite database (SQLite: {e.Message}); it was left as it is: move it aside to start an empty queue",
        11 => $"job database {path} is corrupt (SQLite: {e.Message}); it was left as it is: move it aside to start an empty queue, or repair it with sqlite3 .recover",
        14 => $"job database {path} cannot be opened (SQLite: {e.Message}): check the data folder's permissions and free space",
        8 => $"job database {path} is read-only (SQLite: {e.Message}): check the file's permissions",
        13 => $"job database {path}: the disk is full (SQLite: {e.Message})",
        _ => $"job database {path}: {e.Message}",
    };

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
