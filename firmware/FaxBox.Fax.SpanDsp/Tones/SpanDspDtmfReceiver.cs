using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;
using FaxBox.Fax.Tones;

namespace FaxBox.Fax.SpanDsp.Tones;

/// <summary>
/// DTMF receiver on spandsp's <c>dtmf_rx</c> (ITU-T Q.24 limits, default twist and threshold, dial-tone filter off).
/// Digits are collected in the native callback and raised as <see cref="DigitReceived"/> after <c>dtmf_rx</c> returns,
/// so subscriber code never runs inside a native frame. Not thread-safe: feed it from one media thread.
/// </summary>
internal sealed unsafe class SpanDspDtmfReceiver : IDtmfReceiver
{
    private readonly DtmfRxHandle _state;
    private readonly CallbackFault _fault = new();
    private readonly List<char> _pending = new(capacity: 16);
    private GCHandle _self;

    public SpanDspDtmfReceiver()
    {
        _self = GCHandle.Alloc(this);
        _state = SpanDspNative.dtmf_rx_init(0, &OnDigits, GCHandle.ToIntPtr(_self));
        if (_state.IsInvalid)
        {
            _self.Free();
            _state.EnsureValid("a DTMF receiver");
        }
    }

    public event EventHandler<char>? DigitReceived;

    public void Process(ReadOnlySpan<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);

        // dtmf_rx takes const int16_t[]: the caller's frame is passed as is.
        fixed (short* amp = frame)
        {
            SpanDspNative.dtmf_rx(_state, amp, frame.Length);
        }

        _fault.ThrowIfCaptured();
        if (_pending.Count == 0)
        {
            return;
        }

        // Copy out before raising, so that a handler that feeds more audio cannot disturb the loop.
        Span<char> digits = stackalloc char[_pending.Count];
        CollectionsMarshal.AsSpan(_pending).CopyTo(digits);
        _pending.Clear();
        foreach (var digit in digits)
        {
            DigitReceived?.Invoke(this, digit);
        }
    }

    public void Dispose()
    {
        if (_state.IsClosed)
        {
            return;
        }

        _state.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnDigits(nint userData, byte* digits, int len)
    {
        if (GCHandle.FromIntPtr(userData).Target is not SpanDspDtmfReceiver self)
        {
            return;
        }

        try
        {
            for (var i = 0; i < len; i++)
            {
                self._pending.Add((char)digits[i]);
            }
        }
        catch (Exception ex)
        {
            self._fault.Capture(ex);
        }
    }
}
