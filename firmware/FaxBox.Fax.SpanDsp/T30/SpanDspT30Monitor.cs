using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.T30;

/// <summary>
/// A passive T.30 monitor on one direction of an audio fax call: spandsp's <c>fsk_rx</c> demodulates V.21 channel 2
/// (ITU-T V.21, 300 bit/s, 1650 Hz mark / 1850 Hz space) in synchronous mode and hands every bit, natively, to
/// <c>hdlc_rx_put_bit</c> (T.30 §5.3: flags, zero-bit deletion, CRC-16 FCS), exactly as spandsp's own fax front end
/// wires its V.21 receiver. Only a complete frame with a good FCS crosses into managed code.
/// <para>
/// A frame is reported when it is at least 3 octets long (address, control, facsimile control field) and its header is a
/// T.30 one: address 0xFF (§5.3.4) and control 0x03 or 0x13 (§5.3.5, non-final/final frame), the check a T.30 terminal
/// makes before acting on a frame (spandsp's <c>t30_hdlc_accept</c> drops others as a bad header). spandsp's HDLC receiver
/// passes 2-octet and foreign-address frames with a good FCS, so the check matters. FCD/RCP (ECM image frames) travel in the
/// fast modem and are not seen; PPS, EOR, RR and the other ECM commands travel in V.21 and are.
/// </para>
/// <para>
/// Frames collected during one <see cref="ReceiveAudio"/> call are raised after the native call has returned, in order, so
/// an exception from a handler surfaces from <see cref="ReceiveAudio"/> and never unwinds through spandsp's frames.
/// <see cref="T30FrameEventArgs.At"/> is the end of the 20 ms frame that completed the T.30 frame, counted from creation.
/// Nothing is allocated per audio frame; the frame's bytes and its event arguments are allocated when a frame completes.
/// One lock guards the native states, so <see cref="Dispose"/> from another thread is safe; feeding from two threads at
/// once is serialised but makes no sense for one direction of a call.
/// </para>
/// </summary>
internal sealed unsafe class SpanDspT30Monitor : IT30Monitor
{
    /// <summary>
    /// Back-to-back flags needed before frames are accepted (<c>framing_ok_threshold</c>). A T.30 preamble is 1 s of flags
    /// (§5.3.1, about 37 flags); 5 keeps random bits from noise or a fast-modem burst from opening a frame.
    /// </summary>
    internal const int FramingOkFlags = 5;

    /// <summary>The shortest T.30 frame: address, control and facsimile control field (§5.3).</summary>
    internal const int MinimumFrameLength = 3;

    /// <summary>T.30 §5.3.4: the address field is always the global address 0xFF.</summary>
    private const byte AddressField = 0xFF;

    /// <summary>T.30 §5.3.5: control field of a non-final frame.</summary>
    private const byte ControlNonFinal = 0x03;

    /// <summary>T.30 §5.3.5: control field of a final frame.</summary>
    private const byte ControlFinal = 0x13;

    /// <summary>Room for frames completing within one 20 ms audio frame: at 300 bit/s even one needs more than 100 ms.</summary>
    private const int PendingCapacity = 4;

    private static readonly Lazy<nint> HdlcRxPutBit = new(() =>
        NativeLibrary.GetExport(
            NativeLibrary.Load(SpanDspNative.Library, typeof(SpanDspT30Monitor).Assembly, searchPath: null),
            SpanDspNative.HdlcRxPutBitSymbol));

    private readonly Lock _gate = new();
    private readonly CallbackFault _fault = new();
    private readonly byte[]?[] _pending = new byte[PendingCapacity][];
    private readonly HdlcRxHandle _hdlc;
    private readonly FskRxHandle _fsk;
    private GCHandle _self;
    private int _pendingCount;
    private long _frames;
    private long _overflows;
    private bool _hdlcReferenced;
    private bool _disposed;

    public SpanDspT30Monitor()
    {
        _self = GCHandle.Alloc(this);
        try
        {
            _hdlc = SpanDspNative.hdlc_rx_init(0, crc32: 0, reportBadFrames: 0, FramingOkFlags, &OnFrame, GCHandle.ToIntPtr(_self));
            _hdlc.EnsureValid("an HDLC receiver");

            // The FSK receiver keeps a raw pointer to the HDLC state: hold a reference so it cannot be freed first.
            _hdlc.DangerousAddRef(ref _hdlcReferenced);
            _fsk = SpanDspNative.fsk_rx_init_native_sink(
                0, FskSpecs.V21Channel2, SpanDspNative.FskFrameModeSync, HdlcRxPutBit.Value, _hdlc.DangerousGetHandle());
            _fsk.EnsureValid("a V.21 channel 2 receiver");
        }
        catch
        {
            Release();
            throw;
        }
    }

    public event EventHandler<T30FrameEventArgs>? Frame;

    /// <summary>20 ms frames fed so far.</summary>
    internal long FramesFed => _frames;

    /// <summary>Good frames dropped because more than <see cref="PendingCapacity"/> completed in one audio frame (never seen at 300 bit/s).</summary>
    internal long Overflows => _overflows;

    /// <summary>spandsp's HDLC counters (good frames, FCS errors, length errors, aborts) since creation.</summary>
    internal HdlcRxStats Statistics
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                HdlcRxStats stats;
                SpanDspNative.hdlc_rx_get_stats(_hdlc, &stats);
                return stats;
            }
        }
    }

    public void ReceiveAudio(ReadOnlySpan<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // fsk_rx takes const int16_t[]: the caller's frame is passed as is and left unmodified.
            fixed (short* amp = frame)
            {
                SpanDspNative.fsk_rx(_fsk, amp, frame.Length);
            }

            _frames++;
            try
            {
                _fault.ThrowIfCaptured();
                if (_pendingCount > 0)
                {
                    RaisePending();
                }
            }
            finally
            {
                Array.Clear(_pending, 0, _pendingCount);
                _pendingCount = 0;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Release();
        }
    }

    /// <summary>True for a frame the monitor reports: long enough and with a T.30 address and control field.</summary>
    internal static bool IsT30Frame(ReadOnlySpan<byte> frame) =>
        frame.Length >= MinimumFrameLength && frame[0] == AddressField && frame[1] is ControlNonFinal or ControlFinal;

    private void RaisePending()
    {
        var at = TimeSpan.FromMilliseconds(_frames * AudioFrame.Milliseconds);
        for (var i = 0; i < _pendingCount; i++)
        {
            Frame?.Invoke(this, new T30FrameEventArgs(incoming: true, _pending[i]!, at));
        }
    }

    private void Release()
    {
        // The FSK receiver first: it points into the HDLC state.
        _fsk?.Dispose();
        if (_hdlcReferenced)
        {
            _hdlc.DangerousRelease();
            _hdlcReferenced = false;
        }

        _hdlc?.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFrame(nint userData, byte* pkt, int len, int ok)
    {
        // pkt == NULL carries a SIG_STATUS_* code in len (carrier, framing OK): nothing to report.
        if (pkt == null || ok == 0 || len < MinimumFrameLength || GCHandle.FromIntPtr(userData).Target is not SpanDspT30Monitor self)
        {
            return;
        }

        try
        {
            var frame = new ReadOnlySpan<byte>(pkt, len);
            if (!IsT30Frame(frame))
            {
                return;
            }

            if (self._pendingCount == PendingCapacity)
            {
                self._overflows++;
                return;
            }

            self._pending[self._pendingCount++] = frame.ToArray();
        }
        catch (Exception e)
        {
            self._fault.Capture(e);
        }
    }
}
