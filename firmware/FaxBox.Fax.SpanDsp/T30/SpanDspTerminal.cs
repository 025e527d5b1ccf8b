using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Interop;
using FaxBox.Fax.SpanDsp.Logging;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.SpanDsp.T30;

/// <summary>
/// What the audio and T.38 terminals share: T.30 set-up, the phase B/D/E and real-time frame callbacks (static
/// <see cref="UnmanagedCallersOnlyAttribute"/> functions that find this object through a <see cref="GCHandle"/>), the
/// watchdog, and the result. Exceptions thrown by event handlers inside a callback are held and rethrown after the
/// native call returns, so nothing unwinds through native frames.
/// </summary>
internal abstract unsafe partial class SpanDspTerminal : IFaxTerminal
{
    private readonly FaxTerminalOptions _options;
    private readonly long _watchdogFrames;
    private GCHandle _self;
    private nint _t30;
    private nint _logTag;
    private string _logTagName = string.Empty;
    private readonly CallbackFault _fault = new();
    private long _frames;
    private bool _disposed;

    protected SpanDspTerminal(FaxTerminalOptions options, ILogger logger)
    {
        options.Validate();
        _options = options;
        Logger = logger;
        _watchdogFrames = (long)(options.Watchdog.TotalMilliseconds / AudioFrame.Milliseconds);
        _self = GCHandle.Alloc(this);
    }

    public event EventHandler<FaxProgressEventArgs>? Progress;

    public event EventHandler<T30FrameEventArgs>? Frame;

    public bool IsComplete => Result is not null;

    public FaxResult? Result { get; private set; }

    public TimeSpan Elapsed => TimeSpan.FromMilliseconds(_frames * AudioFrame.Milliseconds);

    protected ILogger Logger { get; }

    protected nint SelfPointer => GCHandle.ToIntPtr(_self);

    /// <summary>Configures T.30 on a freshly created native terminal and attaches logging to its states.</summary>
    protected void ConfigureT30(nint t30, params ReadOnlySpan<nint> loggingStates)
    {
        _t30 = t30;
        _logTag = SpanDspLog.Register(_options.LogTag, Logger, out _logTagName);
        foreach (var state in loggingStates)
        {
            SpanDspLog.Attach(state, _logTag, Logger);
        }

        SpanDspLog.Attach(SpanDspNative.t30_get_logging_state(t30), _logTag, Logger);

        if (_options.LocalIdent.Length > 0 && SpanDspNative.t30_set_tx_ident(t30, _options.LocalIdent) != 0)
        {
            throw new ArgumentException($"LocalIdent '{_options.LocalIdent}' was refused by T.30", nameof(FaxTerminalOptions.LocalIdent));
        }

        if (_options.SubAddress is { Length: > 0 } sub && SpanDspNative.t30_set_tx_sub_address(t30, sub) != 0)
        {
            throw new ArgumentException($"SubAddress '{sub}' was refused by T.30", nameof(FaxTerminalOptions.SubAddress));
        }

        // Sub-addressing (T.30 §5.3.6.2.4): a receiver says it takes SUB in its DIS, a sender sends one when it has it.
        SpanDspNative.t30_set_supported_t30_features(t30, SpanDspConstants.T30SupportSubAddressing);
        SpanDspNative.t30_set_ecm_capability(t30, _options.Ecm ? 1 : 0);
        SpanDspNative.t30_set_supported_modems(t30, (int)(_options.Modems & FaxModems.All));
        SpanDspNative.t30_set_supported_compressions(
            t30,
            SpanDspConstants.T30SupportT4OneDimensional | SpanDspConstants.T30SupportT4TwoDimensional | (_options.Ecm ? SpanDspConstants.T30SupportT6 : 0));
        SpanDspNative.t30_set_supported_resolutions(
            t30,
            SpanDspConstants.T30SupportStandard | SpanDspConstants.T30SupportFine | SpanDspConstants.T30SupportSuperfine
            | SpanDspConstants.T30SupportR8 | SpanDspConstants.T30Support300x300 | SpanDspConstants.T30Support400x400);
        SpanDspNative.t30_set_supported_image_sizes(
            t30,
            SpanDspConstants.T30Support215MmWidth | SpanDspConstants.T30Support255MmWidth | SpanDspConstants.T30Support303MmWidth
            | SpanDspConstants.T30SupportUnlimitedLength | SpanDspConstants.T30SupportA4Length | SpanDspConstants.T30SupportB4Length
            | SpanDspConstants.T30SupportUsLetterLength | SpanDspConstants.T30SupportUsLegalLength);

        if (_options.Direction == FaxDirection.Send)
        {
            EnsureNativePath(_options.SendFile!, nameof(FaxTerminalOptions.SendFile));
            if (!File.Exists(_options.SendFile))
            {
                throw new FileNotFoundException($"{_options.SendFile}: no such file to send", _options.SendFile);
            }

            SpanDspNative.t30_set_tx_file(t30, _options.SendFile!, -1, -1);
        }
        else
        {
            EnsureNativePath(_options.ReceiveFile!, nameof(FaxTerminalOptions.ReceiveFile));
            SpanDspNative.t30_set_rx_file(t30, _options.ReceiveFile!, -1);
        }

        var self = SelfPointer;
        SpanDspNative.t30_set_phase_b_handler(t30, &OnPhaseB, self);
        SpanDspNative.t30_set_phase_d_handler(t30, &OnPhaseD, self);
        SpanDspNative.t30_set_phase_e_handler(t30, &OnPhaseE, self);
        SpanDspNative.t30_set_real_time_frame_handler(t30, &OnFrame, self);
    }

    public FaxStatistics GetStatistics()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        T30Stats stats;
        SpanDspNative.t30_get_transfer_statistics(_t30, &stats);
        return ToStatistics(stats, _options.Direction);
    }

    public void Abort() => Finish(FaxCompletion.Aborted, "aborted before the end of the call");

    /// <summary>Counts one frame and fires the watchdog when the call has run too long; call once per 20 ms tick.</summary>
    protected void CountFrame()
    {
        _frames++;
        if (!IsComplete && _frames > _watchdogFrames)
        {
            LogWatchdog(Logger, _options.Watchdog);
            Finish(FaxCompletion.Watchdog, $"no end of call (T.30 phase E) within {_options.Watchdog.TotalSeconds:0} s");
        }
    }

    /// <summary>Rethrows an exception an event handler threw inside a native callback.</summary>
    protected void ThrowPending() => _fault.ThrowIfCaptured();

    /// <summary>Where exceptions thrown inside native callbacks wait until the native call returns.</summary>
    protected CallbackFault Fault => _fault;

    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void Finish(FaxCompletion completion, string text)
    {
        if (IsComplete)
        {
            return;
        }

        T30Stats stats;
        SpanDspNative.t30_get_transfer_statistics(_t30, &stats);
        Result = new FaxResult(completion, -1, text, ToStatistics(stats, _options.Direction), RemoteIdent(), Elapsed) { SubAddress = SubAddress() };

        // Closes the document (a receiver keeps the pages it has) and sends DCN where the state allows.
        SpanDspNative.t30_terminate(_t30);
    }

    private string? RemoteIdent()
    {
        var text = Marshal.PtrToStringUTF8(SpanDspNative.t30_get_rx_ident(_t30))?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The T.30 SUB frame's sub-address the far end sent (T.30 §5.3.6.2.4), when it sent one.</summary>
    private string? SubAddress()
    {
        var text = Marshal.PtrToStringUTF8(SpanDspNative.t30_get_rx_sub_address(_t30))?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static FaxStatistics ToStatistics(in T30Stats s, FaxDirection direction) => new(
        s.BitRate,
        s.ErrorCorrectingMode != 0,
        direction == FaxDirection.Send ? s.PagesTx : s.PagesRx,
        s.PagesInFile,
        s.XResolution,
        s.YResolution,
        s.Width,
        s.Length,
        s.Encoding is >= 1 and <= 3 ? (FaxCompression)s.Encoding : FaxCompression.Unknown,
        s.BadRows,
        s.LongestBadRowRun,
        s.ErrorCorrectingModeRetries);

    private static void EnsureNativePath(string path, string name)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(path) > 255)
        {
            throw new ArgumentException($"{path}: longer than the 255 bytes libspandsp accepts for a file name", name);
        }
    }

    private static SpanDspTerminal? From(nint userData) => GCHandle.FromIntPtr(userData).Target as SpanDspTerminal;

    private void Raise(FaxPhase phase, FaxResult? result)
    {
        if (Progress is null)
        {
            return;
        }

        try
        {
            Progress.Invoke(this, new FaxProgressEventArgs(phase, result?.Statistics ?? GetStatistics(), RemoteIdent(), result));
        }
        catch (Exception e)
        {
            _fault.Capture(e);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnPhaseB(nint t30, nint userData, int result)
    {
        if (From(userData) is { } self)
        {
            if (self.Logger.IsEnabled(LogLevel.Information))
            {
                LogPhaseB(self.Logger, self.RemoteIdent());
            }

            self.Raise(FaxPhase.B, null);
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnPhaseD(nint t30, nint userData, int result)
    {
        From(userData)?.Raise(FaxPhase.D, null);
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnPhaseE(nint t30, nint userData, int completionCode)
    {
        if (From(userData) is not { } self || self.IsComplete)
        {
            return;
        }

        try
        {
            T30Stats stats;
            SpanDspNative.t30_get_transfer_statistics(t30, &stats);
            var text = Marshal.PtrToStringUTF8(SpanDspNative.t30_completion_code_to_str(completionCode)) ?? $"code {completionCode}";
            if (completionCode == 41 && LibTiffErrors.LastError is { } tiffError)
            {
                text = $"{text} ({tiffError})";
            }

            self.Result = new FaxResult(
                completionCode == 0 ? FaxCompletion.Ok : FaxCompletion.T30Error,
                completionCode,
                text,
                ToStatistics(stats, self._options.Direction),
                self.RemoteIdent(),
                self.Elapsed)
            {
                SubAddress = self.SubAddress(),
            };
            LogPhaseE(self.Logger, completionCode, text, self.Result.Statistics.PagesTransferred);
        }
        catch (Exception e)
        {
            self._fault.Capture(e);
        }

        self.Raise(FaxPhase.E, self.Result);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFrame(nint t30, nint userData, int direction, byte* msg, int len)
    {
        if (From(userData) is not { } self || self.Frame is null || len <= 0)
        {
            return;
        }

        try
        {
            self.Frame.Invoke(self, new T30FrameEventArgs(direction != 0, T30Frames.CopyForEvent(new ReadOnlySpan<byte>(msg, len)), self.Elapsed));
        }
        catch (Exception e)
        {
            self._fault.Capture(e);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseNative();
        if (_logTag != 0)
        {
            SpanDspLog.Unregister(_logTagName, _logTag);
            _logTag = 0;
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    /// <summary>Frees the native state (and so closes the TIFF file).</summary>
    protected abstract void ReleaseNative();

    [LoggerMessage(EventId = LogEventIds.SpanDsp + 10, Level = LogLevel.Information, Message = "T.30 phase B: remote ident '{RemoteIdent}'")]
    private static partial void LogPhaseB(ILogger logger, string? remoteIdent);

    [LoggerMessage(EventId = LogEventIds.SpanDsp + 11, Level = LogLevel.Information, Message = "T.30 phase E: code {Code} ({Text}), {Pages} page(s)")]
    private static partial void LogPhaseE(ILogger logger, int code, string text, int pages);

    [LoggerMessage(EventId = LogEventIds.SpanDsp + 12, Level = LogLevel.Warning, Message = "Fax call watchdog fired after {Limit}: ending the call")]
    private static partial void LogWatchdog(ILogger logger, TimeSpan limit);
}
