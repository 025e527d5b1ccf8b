using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.Managed.T38;

/// <summary>Log lines of the managed T.38 terminal (event ids <see cref="LogEventIds.Managed"/> + 300…).</summary>
internal static partial class T38Log
{
    [LoggerMessage(EventId = LogEventIds.Managed + 300, Level = LogLevel.Warning, Message = "T.38: IFP seq {Sequence} dropped: {Error}")]
    public static partial void MalformedIfp(ILogger logger, int sequence, string error);
}
