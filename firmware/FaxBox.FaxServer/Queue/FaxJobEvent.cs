using FaxBox.Core.Status;

namespace FaxBox.FaxServer.Queue;

/// <summary>Something that happened to a job, for notifications, MQTT and the admin page.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Job">The job after it happened (for <see cref="FaxJobEventKind.Deleted"/>, as it was).</param>
/// <param name="Attempt">The attempt concerned (started, progressing or ended), when there is one.</param>
/// <param name="Progress">The fax step, for <see cref="FaxJobEventKind.Progress"/>.</param>
/// <param name="Queue">The outbox figures after it happened (InboxUndelivered is 0: the inbox adds its own).</param>
public sealed record FaxJobEvent(FaxJobEventKind Kind, FaxJob Job, FaxJobAttempt? Attempt, FaxProgress? Progress, QueueStatus Queue);
