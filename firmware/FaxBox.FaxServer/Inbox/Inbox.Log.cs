using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.FaxServer.Inbox;

/// <summary>Log lines of the inbox: event ids 9300–9319 (FaxServer inbox block 9300–9399). Never document content.</summary>
public sealed partial class Inbox
{
    private const int EventBase = LogEventIds.Services + 300;

    [LoggerMessage(EventId = EventBase + 1, Level = LogLevel.Information, Message = "Fax {Id}: answering call {CallId} via {Via}")]
    private static partial void LogOffered(ILogger logger, string id, string callId, string via);

    [LoggerMessage(EventId = EventBase + 2, Level = LogLevel.Information, Message = "Fax {Id}: stored in folder {Folder}, {Pages} pages, complete {Success}, {Deliveries} deliveries planned")]
    private static partial void LogStored(ILogger logger, string id, string folder, int pages, bool success, int deliveries);

    [LoggerMessage(EventId = EventBase + 3, Level = LogLevel.Warning, Message = "Refusing fax call {CallId}: the inbox is not started")]
    private static partial void LogRefusedNotStarted(ILogger logger, string callId);

    [LoggerMessage(EventId = EventBase + 4, Level = LogLevel.Error, Message = "Refusing fax call {CallId}: the disk is nearly full ({Root}: {FreeMiB} MiB free, at least {MinMiB} MiB needed; faxServer.inbox.minFreeBytes)")]
    private static partial void LogRefusedDiskFull(ILogger logger, string callId, string root, long freeMiB, long minMiB);

    [LoggerMessage(EventId = EventBase + 5, Level = LogLevel.Error, Message = "Refusing fax call {CallId}: cannot read the free space of the data folder: {Reason}")]
    private static partial void LogRefusedDisk(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = EventBase + 6, Level = LogLevel.Error, Message = "Fax call {CallId} completed with {Path}, which the inbox did not hand out; ignored")]
    private static partial void LogUnknownCompletion(ILogger logger, string callId, string path);

    [LoggerMessage(EventId = EventBase + 7, Level = LogLevel.Warning, Message = "Fax {Id}: the inbox is stopping; the received file stays in incoming and is recovered on the next start")]
    private static partial void LogLeftForRecovery(ILogger logger, string id);

    [LoggerMessage(EventId = EventBase + 8, Level = LogLevel.Error, Message = "Inbox: a file operation failed, the fax stays in incoming until the next start: {Reason}")]
    private static partial void LogWorkFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = EventBase + 9, Level = LogLevel.Warning, Message = "Fax {Id}: recovered after a restart into folder {Folder} with {Pages} complete pages")]
    private static partial void LogRecovered(ILogger logger, string id, string folder, int pages);

    [LoggerMessage(EventId = EventBase + 10, Level = LogLevel.Error, Message = "Fax {Id}: cannot recover it from incoming (left there): {Reason}")]
    private static partial void LogRecoveryFailed(ILogger logger, string id, string reason);

    [LoggerMessage(EventId = EventBase + 11, Level = LogLevel.Error, Message = "Inbox: {Path} is not a valid fax sidecar, left as it is: {Reason}")]
    private static partial void LogBadSidecar(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = EventBase + 12, Level = LogLevel.Information, Message = "Fax {Id}: deleted from folder {Folder} (secure {Secure})")]
    private static partial void LogDeleted(ILogger logger, string id, string folder, bool secure);

    [LoggerMessage(EventId = EventBase + 13, Level = LogLevel.Warning, Message = "Fax {Id} in folder {Folder} is past its retention but kept: deliveries are still pending")]
    private static partial void LogKeptPastRetention(ILogger logger, string id, string folder);

    [LoggerMessage(EventId = EventBase + 14, Level = LogLevel.Error, Message = "Fax {Id}: an inbox {Kind} handler failed")]
    private static partial void LogHandlerFailed(ILogger logger, string id, InboxChangeKind kind, Exception exception);
}
