using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.FaxServer.Queue;

/// <summary>Log events 9300–9399 (LogEventIds.Services + 400: the outbox).</summary>
public sealed partial class JobScheduler
{
    [LoggerMessage(EventId = LogEventIds.Services + 400, Level = LogLevel.Information, Message = "Fax job {JobId} submitted by {Submitter}: {Pages} pages")]
    private static partial void LogSubmitted(ILogger logger, long jobId, int pages, string submitter);

    [LoggerMessage(EventId = LogEventIds.Services + 401, Level = LogLevel.Information, Message = "Fax job {JobId} attempt {Attempt} on {Rung}")]
    private static partial void LogAttemptStarted(ILogger logger, long jobId, int attempt, string rung);

    [LoggerMessage(EventId = LogEventIds.Services + 402, Level = LogLevel.Information, Message = "Fax job {JobId} attempt {Attempt}: {Outcome}; job {State}: {Result}")]
    private static partial void LogAttemptEnded(ILogger logger, long jobId, int attempt, FaxAttemptOutcome outcome, FaxJobState state, string result);

    [LoggerMessage(EventId = LogEventIds.Services + 403, Level = LogLevel.Warning, Message = "Fax job {JobId} was on a call when the box stopped: {Outcome}, now {State}")]
    private static partial void LogRecovered(ILogger logger, long jobId, FaxAttemptOutcome outcome, FaxJobState state);

    [LoggerMessage(EventId = LogEventIds.Services + 404, Level = LogLevel.Information, Message = "Fax job {JobId}: cancel requested during the call")]
    private static partial void LogCancelRequested(ILogger logger, long jobId);

    [LoggerMessage(EventId = LogEventIds.Services + 405, Level = LogLevel.Error, Message = "Fax job {JobId}: the fax caller threw; counted as a network error")]
    private static partial void LogCallerFailed(ILogger logger, Exception exception, long jobId);

    [LoggerMessage(EventId = LogEventIds.Services + 406, Level = LogLevel.Error, Message = "The outbox failed (database or internal error); trying again shortly: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(EventId = LogEventIds.Services + 407, Level = LogLevel.Error, Message = "A fax job observer failed on {Kind} of job {JobId}")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception, FaxJobEventKind kind, long jobId);
}
