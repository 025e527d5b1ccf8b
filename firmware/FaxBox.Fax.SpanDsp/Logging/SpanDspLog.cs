using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Fax.SpanDsp.Interop;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.SpanDsp.Logging;

/// <summary>
/// Routes spandsp's log output to <see cref="ILogger"/>, per call. spandsp 0.0.6's message handler has no user data,
/// so every native logging state of a call gets a unique tag (kept alive in unmanaged memory, since spandsp stores
/// the pointer) and SHOW_TAG; one process-wide handler finds the call's logger by that tag.
/// The global handler is installed before any state is created, because spandsp copies it at init time.
/// </summary>
internal static unsafe partial class SpanDspLog
{
    private static readonly ConcurrentDictionary<string, ILogger> Loggers = new(StringComparer.Ordinal);
    private static readonly object InstallLock = new();
    private static ILogger _fallback = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private static bool _installed;
    private static long _nextId;

    /// <summary>Installs the process-wide spandsp message and error handlers once.</summary>
    public static void Install(ILoggerFactory loggerFactory)
    {
        lock (InstallLock)
        {
            _fallback = loggerFactory.CreateLogger("FaxBox.Fax.SpanDsp.Native");
            if (_installed)
            {
                return;
            }

            SpanDspNative.span_set_message_handler(&OnMessage);
            SpanDspNative.span_set_error_handler(&OnError);
            LibTiffErrors.Install();
            _installed = true;
        }
    }

    /// <summary>Registers a call's logger and returns its tag (allocated unmanaged; release with <see cref="Unregister"/>).</summary>
    public static nint Register(string prefix, ILogger logger, out string tag)
    {
        tag = $"{prefix}#{Interlocked.Increment(ref _nextId)}";
        Loggers[tag] = logger;
        return Marshal.StringToCoTaskMemUTF8(tag);
    }

    /// <summary>Sets tag and level on one native logging state.</summary>
    public static void Attach(nint loggingState, nint tag, ILogger logger)
    {
        if (loggingState == 0)
        {
            return;
        }

        SpanDspNative.span_log_set_tag(loggingState, tag);
        SpanDspNative.span_log_set_level(loggingState, LevelFor(logger) | SpanDspConstants.SpanLogShowTag);
    }

    /// <summary>Forgets a call's logger and frees its tag, after the native states that point at it are freed.</summary>
    public static void Unregister(string tag, nint tagPointer)
    {
        Loggers.TryRemove(tag, out _);
        Marshal.FreeCoTaskMem(tagPointer);
    }

    private static int LevelFor(ILogger logger) =>
        logger.IsEnabled(LogLevel.Trace) ? SpanDspConstants.SpanLogDebug3
        : logger.IsEnabled(LogLevel.Debug) ? SpanDspConstants.SpanLogFlow
        : logger.IsEnabled(LogLevel.Information) ? SpanDspConstants.SpanLogProtocolWarning
        : logger.IsEnabled(LogLevel.Warning) ? SpanDspConstants.SpanLogError
        : SpanDspConstants.SpanLogNone;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(int level, byte* text)
    {
        try
        {
            var message = Marshal.PtrToStringUTF8((nint)text)?.TrimEnd('\n', '\r') ?? string.Empty;
            var logger = _fallback;
            var space = message.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && Loggers.TryGetValue(message[..space], out var found))
            {
                logger = found;
                message = message[(space + 1)..];
            }

            // spandsp's "errors" and "warnings" are mostly the far end misbehaving (a lost carrier, a bad frame):
            // worth a line at Information when asked for, not an alarm. Its flow levels are Debug, its debug Trace.
            var logLevel = (level & 0xFF) switch
            {
                SpanDspConstants.SpanLogError => LogLevel.Warning,
                <= SpanDspConstants.SpanLogProtocolWarning => LogLevel.Information,
                <= 7 => LogLevel.Debug,
                _ => LogLevel.Trace,
            };
            LogNative(logger, logLevel, message);
        }
        catch (Exception)
        {
            // Nothing may unwind into native code; a lost log line is the lesser harm.
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(byte* text)
    {
        try
        {
            LogNative(_fallback, LogLevel.Error, Marshal.PtrToStringUTF8((nint)text)?.TrimEnd('\n') ?? string.Empty);
        }
        catch (Exception)
        {
            // As above.
        }
    }

    [LoggerMessage(EventId = Core.LogEventIds.SpanDsp + 1, Message = "{Text}")]
    private static partial void LogNative(ILogger logger, LogLevel level, string text);
}
