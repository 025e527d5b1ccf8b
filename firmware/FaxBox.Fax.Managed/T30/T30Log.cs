using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.Managed.T30;

/// <summary>Log lines of the managed T.30 terminal (event ids <see cref="LogEventIds.Managed"/> + 310…).</summary>
internal static partial class T30Log
{
    [LoggerMessage(EventId = LogEventIds.Managed + 310, Level = LogLevel.Warning, Message = "{Tag}: T.30 call failed: {Text}")]
    public static partial void Failed(ILogger logger, string tag, string text);

    [LoggerMessage(EventId = LogEventIds.Managed + 311, Level = LogLevel.Information, Message = "{Tag}: TCF at {Rate} bit/s refused: {Octets} octets, {NonZero} not zero, longest run of zeros {ZeroRun} octets (1 s is {Needed}); FTT")]
    public static partial void TrainingFailed(ILogger logger, string tag, int rate, long octets, long nonZero, long zeroRun, int needed);

    [LoggerMessage(EventId = LogEventIds.Managed + 312, Level = LogLevel.Information, Message = "{Tag}: page {Page} refused (RTN): {BadRows} of {Rows} rows bad")]
    public static partial void PageRejected(ILogger logger, string tag, int page, int rows, int badRows);

    [LoggerMessage(EventId = LogEventIds.Managed + 313, Level = LogLevel.Information, Message = "{Tag}: T.30 phase E: code {Code} ({Text}), {Pages} page(s)")]
    public static partial void PhaseE(ILogger logger, string tag, int code, string text, int pages);
}
