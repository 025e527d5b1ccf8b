using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Hosting;

internal sealed partial class IdleMemoryTrim
{
    [LoggerMessage(EventId = LogEventIds.Host + 130, Level = LogLevel.Debug, Message = "idle memory trim: the JIT's slab cache flushed; the C heap {Outcome:l}")]
    private static partial void LogTrimmedCore(ILogger logger, string outcome);

    [LoggerMessage(EventId = LogEventIds.Host + 131, Level = LogLevel.Warning, Message = "idle memory trim failed; the box keeps the memory")]
    private static partial void LogTrimFailed(ILogger logger, Exception exception);

    private static void LogTrimmed(ILogger logger, bool trimmed) => LogTrimmedCore(logger, trimmed ? "returned free pages to the kernel" : "had nothing to return");
}
