using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.FaxServer.Delivery;

/// <summary>Log lines of delivery: event ids 9320–9339 (FaxServer inbox block 9300–9399). Never document content.</summary>
internal sealed partial class DeliveryWorker
{
    private const int EventBase = LogEventIds.Services + 320;

    [LoggerMessage(EventId = EventBase + 1, Level = LogLevel.Information, Message = "Fax {Id}: delivered by {Kind} to {Target} (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string id, DeliveryKind kind, string target, int attempt);

    [LoggerMessage(EventId = EventBase + 2, Level = LogLevel.Warning, Message = "Fax {Id}: {Kind} delivery to {Target} failed (attempt {Attempt}), will retry: {Reason}")]
    private static partial void LogFailed(ILogger logger, string id, DeliveryKind kind, string target, int attempt, string reason);

    [LoggerMessage(EventId = EventBase + 3, Level = LogLevel.Error, Message = "Fax {Id}: deliveries postponed, the inbox store failed: {Reason}")]
    private static partial void LogStoreError(ILogger logger, string id, string reason);
}
