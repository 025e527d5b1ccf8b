using System.Globalization;
using System.Text.Json;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.FaxServer.Storage;

namespace FaxBox.FaxServer.Queue;

/// <summary>The job database's schema, its migrations and row mapping.</summary>
public sealed partial class JobStore
{
    private const string JobColumns =
        "id, submitted, submitter, destination, account, document_path, pages, cover_json, notify, state, attempts, " +
        "first_rung, rung_step, retries, fax_failures, interruptions, next_attempt, last_result, cancel_requested, updated, finished";

    private const string AttemptColumns =
        "id, job_id, number, started, ended, transport, ecm, max_bit_rate, outcome, reason, pages_confirmed, sip_status, remote_ident, record_json";

    /// <summary>Migration n takes the schema from user_version n to n + 1. Append only.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE jobs (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            submitted        INTEGER NOT NULL,
            submitter        TEXT    NOT NULL,
            destination      TEXT    NOT NULL,
            account          TEXT,
            document_path    TEXT    NOT NULL,
            pages            INTEGER NOT NULL CHECK (pages >= 1),
            cover_json       TEXT,
            notify           TEXT,
            state            TEXT    NOT NULL CHECK (state IN ('Queued', 'Sending', 'WaitingRetry', 'Sent', 'Failed', 'Cancelled')),
            attempts         INTEGER NOT NULL DEFAULT 0,
            first_rung       INTEGER,
            rung_step        INTEGER NOT NULL DEFAULT 0,
            retries          INTEGER NOT NULL DEFAULT 0,
            fax_failures     INTEGER NOT NULL DEFAULT 0,
            interruptions    INTEGER NOT NULL DEFAULT 0,
            next_attempt     INTEGER,
            last_result      TEXT,
            cancel_requested INTEGER NOT NULL DEFAULT 0,
            updated          INTEGER NOT NULL,
            finished         INTEGER
        );
        CREATE INDEX jobs_due ON jobs (state, next_attempt);
        CREATE TABLE attempts (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            job_id           INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
            number           INTEGER NOT NULL,
            started          INTEGER NOT NULL,
            ended            INTEGER,
            rung             INTEGER NOT NULL,
            transport        TEXT    NOT NULL,
            ecm              INTEGER NOT NULL,
            max_bit_rate     INTEGER NOT NULL,
            outcome          TEXT,
            reason           TEXT,
            pages_confirmed  INTEGER NOT NULL DEFAULT 0,
            sip_status       INTEGER,
            remote_ident     TEXT,
            record_json      TEXT
        );
        CREATE INDEX attempts_job ON attempts (job_id);
        CREATE TABLE destination_profiles (
            destination      TEXT    PRIMARY KEY,
            rung             INTEGER NOT NULL,
            updated          INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE notifications (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            job_id           INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
            attempt_id       INTEGER,
            kind             TEXT    NOT NULL CHECK (kind IN ('Sent', 'Failed')),
            address          TEXT    NOT NULL,
            result           TEXT    NOT NULL,
            created          INTEGER NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt     INTEGER,
            last_error       TEXT,
            delivered        INTEGER
        );
        CREATE INDEX notifications_due ON notifications (delivered, next_attempt);
        CREATE INDEX notifications_job ON notifications (job_id);
        """,
    ];

    private static void Migrate(SqliteDatabase connection, string path)
    {
        int version = Convert.ToInt32(connection.Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new JobStoreException($"job database {path} has schema version {version}, newer than this firmware's {SchemaVersion}: it was written by a later FaxBox; install that version again or move the file aside");
        }

        if (version == 0 && Convert.ToInt64(connection.Scalar("SELECT COUNT(*) FROM sqlite_master"), CultureInfo.InvariantCulture) > 0)
        {
            throw new JobStoreException($"job database {path} holds tables but no FaxBox schema version: it is not a FaxBox job database; move it aside");
        }

        for (; version < SchemaVersion; version++)
        {
            using var tx = connection.BeginTransaction();
            connection.Execute(Migrations[version] + $";\nPRAGMA user_version = {version + 1};");
            tx.Commit();
        }

        foreach (string table in (string[])["jobs", "attempts", "destination_profiles", "notifications"])
        {
            using var cmd = connection.Command("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name");
            cmd.Bind("$name", table);
            if (Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) != 1)
            {
                throw new JobStoreException($"job database {path} (schema version {version}) has no table '{table}': it is damaged; move it aside");
            }
        }
    }

    private FaxJob? GetJob(SqliteTransaction? tx, long id)
    {
        using var cmd = Command(tx, $"SELECT {JobColumns} FROM jobs WHERE id = $id");
        cmd.Bind("$id", id);
        var jobs = ReadJobs(cmd);
        return jobs.Count == 0 ? null : jobs[0];
    }

    private static List<string> ReadStrings(SqliteStatement cmd)
    {
        var result = new List<string>();
        while (cmd.Read())
        {
            result.Add(cmd.GetString(0));
        }

        return result;
    }

    private static List<FaxJob> ReadJobs(SqliteStatement cmd)
    {
        var result = new List<FaxJob>();
        while (cmd.Read())
        {
            result.Add(new FaxJob(
                Id: cmd.GetInt64(0),
                Submitted: FromMs(cmd.GetInt64(1)),
                Submitter: cmd.GetString(2),
                Destination: cmd.GetString(3),
                Account: cmd.IsDBNull(4) ? null : cmd.GetString(4),
                DocumentPath: cmd.GetString(5),
                Pages: cmd.GetInt32(6),
                Cover: cmd.IsDBNull(7) ? null : JsonSerializer.Deserialize<FaxJobCover>(cmd.GetString(7), Json),
                NotifyAddress: cmd.IsDBNull(8) ? null : cmd.GetString(8),
                State: Enum.Parse<FaxJobState>(cmd.GetString(9)),
                Attempts: cmd.GetInt32(10),
                Ladder: new FaxLadderPosition(
                    FirstRung: cmd.IsDBNull(11) ? null : cmd.GetInt32(11),
                    Step: cmd.GetInt32(12),
                    Retries: cmd.GetInt32(13),
                    FaxFailures: cmd.GetInt32(14),
                    Interruptions: cmd.GetInt32(15)),
                NextAttempt: cmd.IsDBNull(16) ? null : FromMs(cmd.GetInt64(16)),
                LastResult: cmd.IsDBNull(17) ? null : cmd.GetString(17),
                CancelRequested: cmd.GetInt64(18) != 0,
                Updated: FromMs(cmd.GetInt64(19)),
                Finished: cmd.IsDBNull(20) ? null : FromMs(cmd.GetInt64(20))));
        }

        return result;
    }

    private static List<FaxJobAttempt> ReadAttempts(SqliteStatement cmd)
    {
        var result = new List<FaxJobAttempt>();
        while (cmd.Read())
        {
            result.Add(new FaxJobAttempt(
                Id: cmd.GetInt64(0),
                JobId: cmd.GetInt64(1),
                Number: cmd.GetInt32(2),
                Started: FromMs(cmd.GetInt64(3)),
                Ended: cmd.IsDBNull(4) ? null : FromMs(cmd.GetInt64(4)),
                Rung: new FaxRung(Enum.Parse<FaxTransport>(cmd.GetString(5)), cmd.GetInt64(6) != 0, cmd.GetInt32(7)),
                Outcome: cmd.IsDBNull(8) ? null : Enum.Parse<FaxAttemptOutcome>(cmd.GetString(8)),
                Reason: cmd.IsDBNull(9) ? null : cmd.GetString(9),
                PagesConfirmed: cmd.GetInt32(10),
                SipStatus: cmd.IsDBNull(11) ? null : cmd.GetInt32(11),
                RemoteIdent: cmd.IsDBNull(12) ? null : cmd.GetString(12),
                Record: cmd.IsDBNull(13) ? null : JsonSerializer.Deserialize<FaxRecord>(cmd.GetString(13), Json)));
        }

        return result;
    }
}
