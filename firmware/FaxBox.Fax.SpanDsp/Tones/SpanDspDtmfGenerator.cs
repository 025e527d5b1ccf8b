using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;
using FaxBox.Fax.Tones;

namespace FaxBox.Fax.SpanDsp.Tones;

/// <summary>
/// DTMF generator on spandsp's <c>dtmf_tx</c> with its defaults (-10 dBm0 low tone, 2 dB twist, 50 ms on / 55 ms off).
/// Digits wait in a managed queue and are handed to spandsp one at a time when it runs dry, so any number can be queued
/// and the native 128-digit buffer can never overflow. Not thread-safe: use it from one media thread.
/// </summary>
internal sealed unsafe class SpanDspDtmfGenerator : IDtmfGenerator
{
    /// <summary>The digits <see cref="Enqueue"/> accepts.</summary>
    public const string ValidDigits = "0123456789*#ABCD";

    private readonly DtmfTxHandle _state;
    private readonly Queue<byte> _queued = new();

    /// <summary>True while spandsp holds a digit whose tone or following pause has not been played out.</summary>
    private bool _nativeBusy;

    public SpanDspDtmfGenerator()
    {
        _state = SpanDspNative.dtmf_tx_init(0);
        _state.EnsureValid("a DTMF generator");
    }

    public bool IsIdle => _queued.Count == 0 && !_nativeBusy;

    public void Enqueue(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);
        for (var i = 0; i < digits.Length; i++)
        {
            if (!ValidDigits.Contains(digits[i], StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"'{digits[i]}' at position {i} is not a DTMF digit (valid: {ValidDigits})", nameof(digits));
            }
        }

        foreach (var digit in digits)
        {
            _queued.Enqueue((byte)digit);
        }
    }

    public void Generate(Span<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);

        var done = 0;
        fixed (short* amp = frame)
        {
            while (done < frame.Length)
            {
                if (!_nativeBusy)
                {
                    if (!_queued.TryDequeue(out var digit))
                    {
                        break;
                    }

                    if (SpanDspNative.dtmf_tx_put(_state, &digit, 1) != 0)
                    {
                        throw new InvalidOperationException("libspandsp refused a DTMF digit although its queue was empty");
                    }

                    _nativeBusy = true;
                }

                var want = frame.Length - done;
                var got = SpanDspNative.dtmf_tx(_state, amp + done, want);
                done += Math.Max(got, 0);
                if (got < want)
                {
                    // The digit and its inter-digit pause are complete.
                    _nativeBusy = false;
                }
            }
        }

        frame[done..].Clear();
    }

    public void Dispose() => _state.Dispose();
}
