using FaxBox.FaxServer.Storage;

namespace FaxBox.FaxServer.Queue;

/// <summary>The durable sent/failed notifications (table <c>notifications</c>, schema version 2).</summary>
public sealed partial class JobStore
{
    private const string NotificationColumns =
        "id, job_id, attempt_id, kind, address, result, created, attempts, next_attempt, last_error, delivered";

    /// <summary>
    /// Whether a job with a notify address that ends sent or failed gets a pending notification row (in the transaction
    /// that ends it). The fax server sets it when an SMTP server is configured; default false.
    /// </summary>
    internal bool RecordsNotifications { get; set; }

    /// <summary>The notifications of one job, oldest first.</summary>
    public IReadOnlyList<FaxJobNotification> Notifications(long jobId) => Read(tx =>
    {
        using var cmd = Command(tx, $"SELECT {NotificationColumns} FROM notifications WHERE job_id = $id ORDER BY id");
        cmd.Bind("$id", jobId);
        return ReadNotifications(cmd);
    });

    /// <summary>Pending notifications due at <paramref name="now"/>, oldest due first (at most <paramref name="limit"/>).</summary>
    internal IReadOnlyList<FaxJobNotification> DueNotifications(DateTimeOffset now, int limit) => Read(tx =>
    {
        using var cmd = Command(tx, $"""
            SELECT {NotificationColumns} FROM notifications
            WHERE delivered IS NULL AND next_attempt <= $now ORDER BY next_attempt, id LIMIT $limit
            """);
        cmd.Bind("$now", Ms(now));
        cmd.Bind("$limit", limit);
        return ReadNotifications(cmd);
    });

    /// <summary>When the earliest pending notification falls due; null when none is pending.</summary>
    internal DateTimeOffset? NextNotificationDue() => Read(tx =>
    {
        object? value = Scalar(tx, "SELECT MIN(next_attempt) FROM notifications WHERE delivered IS NULL");
        return value is null or DBNull ? (DateTimeOffset?)null : FromMs(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    });

    /// <summary>Records an attempt: delivered when <paramref name="error"/> is null, else due again at <paramref name="next"/>.</summary>
    internal FaxJobNotification? RecordNotificationAttempt(long id, string? error, DateTimeOffset next) => Write(tx =>
    {
        long now = Ms(_time.GetUtcNow());
        using var cmd = Command(tx, $"""
            UPDATE notifications SET attempts = attempts + 1, last_error = $error,
                next_attempt = CASE WHEN $error IS NULL THEN NULL ELSE $next END,
                delivered = CASE WHEN $error IS NULL THEN $now ELSE NULL END
            WHERE id = $id AND delivered IS NULL
            RETURNING {NotificationColumns}
            """);
        cmd.Bind("$id", id);
        cmd.Bind("$error", error);
        cmd.Bind("$next", Ms(next));
        cmd.Bind("$now", now);
        var rows = ReadNotifications(cmd);
        return rows.Count == 0 ? null : rows[0];
    });

    /// <summary>Inside <see cref="FinishAttempt"/>: the pending notification of a job that just ended sent or failed.</summary>
    private void AddNotification(SqliteTransaction tx, FaxJob job, long? attemptId, FaxJobState state, string result, long now)
    {
        if (!RecordsNotifications || job.NotifyAddress is not { Length: > 0 } address || state is not (FaxJobState.Sent or FaxJobState.Failed))
        {
            return;
        }

        using var cmd = Command(tx, """
            INSERT INTO notifications (job_id, attempt_id, kind, address, result, created, next_attempt)
            VALUES ($job, $attempt, $kind, $address, $result, $now, $now)
            """);
        cmd.Bind("$job", job.Id);
        cmd.Bind("$attempt", attemptId);
        cmd.Bind("$kind", (state == FaxJobState.Sent ? FaxJobEventKind.Sent : FaxJobEventKind.Failed).ToString());
        cmd.Bind("$address", address);
        cmd.Bind("$result", result);
        cmd.Bind("$now", now);
        cmd.ExecuteNonQuery();
    }

    private static List<FaxJobNotification> ReadNotifications(SqliteStatement cmd)
    {
        var result = new List<FaxJobNotification>();
        while (cmd.Read())
        {
            result.Add(new FaxJobNotification(
                Id: cmd.GetInt64(0),
                JobId: cmd.GetInt64(1),
                AttemptId: cmd.IsDBNull(2) ? null : cmd.GetInt64(2),
                Kind: Enum.Parse<FaxJobEventKind>(cmd.GetString(3)),
                Address: cmd.GetString(4),
                Result: cmd.GetString(5),
                Created: FromMs(cmd.GetInt64(6)),
                Attempts: cmd.GetInt32(7),
                NextAttempt: cmd.IsDBNull(8) ? null : FromMs(cmd.GetInt64(8)),
                LastError: cmd.IsDBNull(9) ? null : cmd.GetString(9),
                Delivered: cmd.IsDBNull(10) ? null : FromMs(cmd.GetInt64(10))));
        }

        return result;
    }
}
