using System.Net;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.Fax.Tones;
using Microsoft.Extensions.Logging;

namespace FaxBox.CallControl.Bridging;

/// <summary>Log lines of the call media bridge: event ids 8100–8199 of the CallControl block.</summary>
public sealed partial class CallMedia
{
    private const int EventBase = LogEventIds.CallControl + 100;

    [LoggerMessage(EventId = EventBase + 1, Level = LogLevel.Information, Message = "{Call}: media {From} -> {To} (remote {Remote})")]
    private static partial void LogMode(ILogger logger, string call, CallMediaMode from, CallMediaMode to, IPEndPoint? remote);

    [LoggerMessage(EventId = EventBase + 2, Level = LogLevel.Information, Message = "{Call}: {Tone} heard from the {Direction} at {At}")]
    private static partial void LogTone(ILogger logger, string call, FaxTone tone, string direction, TimeSpan at);

    [LoggerMessage(EventId = EventBase + 5, Level = LogLevel.Debug, Message = "{Call}: {Tone} heard from the line at {At} while the network plays it: the line's echo, ignored")]
    private static partial void LogToneEcho(ILogger logger, string call, FaxTone tone, TimeSpan at);

    [LoggerMessage(EventId = EventBase + 3, Level = LogLevel.Information, Message = "{Call}: the {Engine} engine has no T.30 monitor: the fax record of a G.711 pass-through will have no pages, rate or result")]
    private static partial void LogNoT30Monitor(ILogger logger, string call, string engine);

    [LoggerMessage(EventId = EventBase + 4, Level = LogLevel.Error, Message = "{Call}: a media frame did not finish within 1 s of Dispose; its resources are left to the finalizers")]
    private static partial void LogDisposeTimeout(ILogger logger, string call);
}
