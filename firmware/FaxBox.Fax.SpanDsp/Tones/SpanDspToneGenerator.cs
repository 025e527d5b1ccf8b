using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;
using FaxBox.Fax.Tones;

namespace FaxBox.Fax.SpanDsp.Tones;

/// <summary>
/// Connect-tone generator. The 2100 Hz family and CNG come from spandsp's <c>modem_connect_tones_tx</c> with its own
/// levels and cadences (CNG repeats 0.5 s on / 3 s off for as long as frames are asked for; ANS and ANS/PR stop after
/// 0.2 s of silence plus 2.6 s / 3.3 s of tone, ANSam and ANSam/PR after 0.2 s + 5 s). <see cref="FaxTone.V21Preamble"/>
/// is one second (T.30 §5.3.1: 1 s ± 15 %) of back-to-back HDLC flags (0x7E) on spandsp's V.21 channel 2 FSK transmitter
/// (<c>fsk_tx</c>, 1650/1850 Hz, 300 bit/s, at spandsp's preset level). After a tone of limited duration has ended,
/// frames are silent. Not thread-safe.
/// </summary>
internal sealed unsafe class SpanDspToneGenerator : IToneGenerator
{
    /// <summary>Length of the V.21 flag preamble: 1 s.</summary>
    public const int V21PreambleSamples = AudioFrame.SampleRate;

    /// <summary>The HDLC flag octet.</summary>
    private const int HdlcFlag = 0x7E;

    private readonly ModemConnectTonesTxHandle? _tones;
    private readonly FskTxHandle? _fsk;
    private GCHandle _self;
    private int _bitIndex;
    private int _preambleSamplesLeft = V21PreambleSamples;

    public SpanDspToneGenerator(FaxTone tone)
    {
        Tone = tone;
        if (tone == FaxTone.V21Preamble)
        {
            var spec = FskSpecs.V21Channel2;
            _self = GCHandle.Alloc(this);
            _fsk = SpanDspNative.fsk_tx_init(0, spec, &NextFlagBit, GCHandle.ToIntPtr(_self));
            if (_fsk.IsInvalid)
            {
                _self.Free();
                _fsk.EnsureValid("a V.21 FSK transmitter");
            }

            return;
        }

        var toneType = tone switch
        {
            FaxTone.Cng => SpanDspNative.ModemConnectTonesFaxCng,
            FaxTone.Ced => SpanDspNative.ModemConnectTonesAns,
            FaxTone.AnsPr => SpanDspNative.ModemConnectTonesAnsPr,
            FaxTone.AnsAm => SpanDspNative.ModemConnectTonesAnsAm,
            FaxTone.AnsAmPr => SpanDspNative.ModemConnectTonesAnsAmPr,
            _ => throw new ArgumentOutOfRangeException(nameof(tone), tone, "not a connect tone"),
        };
        _tones = SpanDspNative.modem_connect_tones_tx_init(0, toneType);
        _tones.EnsureValid($"a {tone} generator");
    }

    public FaxTone Tone { get; }

    public void Generate(Span<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        var done = 0;
        fixed (short* amp = frame)
        {
            if (_tones is not null)
            {
                ObjectDisposedException.ThrowIf(_tones.IsClosed, this);
                done = SpanDspNative.modem_connect_tones_tx(_tones, amp, frame.Length);
            }
            else if (_fsk is not null)
            {
                ObjectDisposedException.ThrowIf(_fsk.IsClosed, this);
                var want = Math.Min(frame.Length, _preambleSamplesLeft);
                if (want > 0)
                {
                    done = SpanDspNative.fsk_tx(_fsk, amp, want);
                    _preambleSamplesLeft -= want;
                }
            }
        }

        frame[Math.Clamp(done, 0, frame.Length)..].Clear();
    }

    public void Dispose()
    {
        _tones?.Dispose();
        if (_fsk is not null)
        {
            _fsk.Dispose();
            if (_self.IsAllocated)
            {
                _self.Free();
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int NextFlagBit(nint userData)
    {
        if (GCHandle.FromIntPtr(userData).Target is not SpanDspToneGenerator self)
        {
            return 1;
        }

        // HDLC sends each octet least significant bit first.
        var bit = (HdlcFlag >> (self._bitIndex & 7)) & 1;
        self._bitIndex++;
        return bit;
    }
}
