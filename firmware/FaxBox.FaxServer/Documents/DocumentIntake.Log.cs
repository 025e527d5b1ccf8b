using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.FaxServer.Documents;

/// <summary>Log lines of the document intake: event ids 9100–9119 (FaxServer documents). No document content, ever.</summary>
public sealed partial class DocumentIntake
{
    /// <summary>First event id of the fax server's documents (9100–9199).</summary>
    internal const int EventBase = LogEventIds.Services + 100;

    [LoggerMessage(EventId = EventBase + 1, Level = LogLevel.Debug, Message = "Intake: file {Index} is {Type}, {Bytes} bytes, {Pages} pages")]
    private static partial void LogFile(ILogger logger, int index, DocumentType type, long bytes, int pages);

    [LoggerMessage(EventId = EventBase + 2, Level = LogLevel.Information, Message = "Intake: {Files} files became a {Pages}-page fax document in {Milliseconds:0} ms")]
    private static partial void LogDone(ILogger logger, int files, int pages, double milliseconds);

    [LoggerMessage(EventId = EventBase + 3, Level = LogLevel.Information, Message = "Intake: a file was rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = EventBase + 4, Level = LogLevel.Warning, Message = "Intake: cannot remove the work folder {Folder}: {Error}")]
    private static partial void LogCleanupFailed(ILogger logger, string folder, string error);
}
