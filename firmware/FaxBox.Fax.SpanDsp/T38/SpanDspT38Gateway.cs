using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;
using FaxBox.Fax.SpanDsp.Logging;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.SpanDsp.T38;

/// <summary>
/// A T.38 gateway on spandsp's <c>t38_gateway_state_t</c>. The library has no end-of-call signal
/// (<c>t38_gateway_rx</c> always returns 0), so the relayed T.30 frames are watched through the real-time frame
/// handler: the relay is complete 3 s after DCN (time for a DCN that arrived as IFPs to be played out as V.21, preamble included), or when the watchdog
/// fires. <c>t38_gateway_rx</c> modifies its input, so the frame is copied first; idle output is padded.
/// </summary>
internal sealed unsafe partial class SpanDspT38Gateway : IT38Gateway
{
    private const int DrainFramesAfterDcn = 150;

    private readonly T38GatewayHandle _state;
    private readonly IfpOutput _output;
    private readonly CallbackFault _fault = new();
    private readonly ILogger _logger;
    private readonly nint _core;
    private readonly long _watchdogFrames;
    private readonly short[] _scratch = new short[AudioFrame.Samples];
    private readonly nint _logTag;
    private readonly string _logTagName;
    private GCHandle _self;
    private long _frames;
    private long _dcnAtFrame = -1;
    private bool _aborted;
    private bool _disposed;

    public SpanDspT38Gateway(T38GatewayOptions options, IIfpSink sink, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        if ((options.Modems & FaxModems.All) == FaxModems.None)
        {
            throw new ArgumentException("Modems must include at least one of V27ter, V29, V17", nameof(options));
        }

        if (options.Watchdog <= TimeSpan.Zero)
        {
            throw new ArgumentException("Watchdog must be positive", nameof(options));
        }

        _output = new IfpOutput(sink, _fault);
        _logger = logger;
        _watchdogFrames = (long)(options.Watchdog.TotalMilliseconds / AudioFrame.Milliseconds);
        _self = GCHandle.Alloc(this);
        var self = GCHandle.ToIntPtr(_self);
        _state = new T38GatewayHandle(SpanDspNative.t38_gateway_init(0, &OnTxPacket, self));
        _state.EnsureValid("a t38_gateway_state_t");
        var s = _state.DangerousGetHandle();
        _core = SpanDspNative.t38_gateway_get_t38_core_state(s);
        _logTag = SpanDspLog.Register(options.LogTag, logger, out _logTagName);
        SpanDspLog.Attach(SpanDspNative.t38_gateway_get_logging_state(s), _logTag, logger);
        SpanDspLog.Attach(SpanDspNative.t38_core_get_logging_state(_core), _logTag, logger);

        SpanDspNative.t38_gateway_set_transmit_on_idle(s, 1);
        SpanDspNative.t38_gateway_set_ecm_capability(s, options.Ecm ? 1 : 0);
        SpanDspNative.t38_gateway_set_supported_modems(s, (int)(options.Modems & FaxModems.All));
        T38Settings.Apply(_core, options.T38);
        SpanDspNative.t38_gateway_set_real_time_frame_handler(s, &OnFrame, self);
    }

    public event EventHandler<T30FrameEventArgs>? Frame;

    public bool IsComplete => _aborted || WatchdogFired || (_dcnAtFrame >= 0 && _frames - _dcnAtFrame >= DrainFramesAfterDcn);

    public bool WatchdogFired => _frames > _watchdogFrames;

    public TimeSpan Elapsed => TimeSpan.FromMilliseconds(_frames * AudioFrame.Milliseconds);

    public IfpCounters Packets => _output.Packets;

    public void ReceiveAudio(ReadOnlySpan<short> frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        frame.CopyTo(_scratch);
        fixed (short* p = _scratch)
        {
            SpanDspNative.t38_gateway_rx(_state.DangerousGetHandle(), p, AudioFrame.Samples);
        }

        _frames++;
        if (_frames == _watchdogFrames + 1)
        {
            LogWatchdog(_logger, Elapsed);
        }

        ThrowPending();
    }

    public void TransmitAudio(Span<short> frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        int produced;
        fixed (short* p = frame)
        {
            produced = SpanDspNative.t38_gateway_tx(_state.DangerousGetHandle(), p, AudioFrame.Samples);
        }

        frame[Math.Max(produced, 0)..].Clear();
        ThrowPending();
    }

    public void ReceiveIfp(ReadOnlySpan<byte> ifp, ushort sequenceNumber)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _output.CountReceived(ifp.Length);
        fixed (byte* p = ifp)
        {
            SpanDspNative.t38_core_rx_ifp_packet(_core, p, ifp.Length, sequenceNumber);
        }

        ThrowPending();
    }

    public T38GatewayStatistics GetStatistics()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        T38Stats stats;
        SpanDspNative.t38_gateway_get_transfer_statistics(_state.DangerousGetHandle(), &stats);
        return new T38GatewayStatistics(stats.BitRate, stats.ErrorCorrectingMode != 0, stats.PagesTransferred);
    }

    public void Abort() => _aborted = true;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _state.Dispose();
        SpanDspLog.Unregister(_logTagName, _logTag);
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private void ThrowPending() => _fault.ThrowIfCaptured();

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnTxPacket(nint core, nint userData, byte* buf, int len, int count)
    {
        (GCHandle.FromIntPtr(userData).Target as SpanDspT38Gateway)?._output.Send(buf, len, count);
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFrame(nint gateway, nint userData, int direction, byte* msg, int len)
    {
        if (GCHandle.FromIntPtr(userData).Target is not SpanDspT38Gateway self || len < 3)
        {
            return;
        }

        try
        {
            if (T30Frames.TypeOf(msg[2]) == T30FrameType.Dcn && self._dcnAtFrame < 0)
            {
                self._dcnAtFrame = self._frames;
                LogDcn(self._logger, self.Elapsed);
            }

            self.Frame?.Invoke(self, new T30FrameEventArgs(direction != 0, T30Frames.CopyForEvent(new ReadOnlySpan<byte>(msg, len)), self.Elapsed));
        }
        catch (Exception e)
        {
            self._fault.Capture(e);
        }
    }

    [LoggerMessage(EventId = LogEventIds.SpanDsp + 20, Level = LogLevel.Information, Message = "T.38 gateway saw DCN at {At}: the relayed call is ending")]
    private static partial void LogDcn(ILogger logger, TimeSpan at);

    [LoggerMessage(EventId = LogEventIds.SpanDsp + 21, Level = LogLevel.Warning, Message = "T.38 gateway watchdog fired after {Elapsed} without DCN")]
    private static partial void LogWatchdog(ILogger logger, TimeSpan elapsed);
}
