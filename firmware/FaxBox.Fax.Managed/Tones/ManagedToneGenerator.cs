using FaxBox.Core;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Managed.Hdlc;
using FaxBox.Fax.Managed.V21;
using FaxBox.Fax.Modems;
using FaxBox.Fax.Tones;

namespace FaxBox.Fax.Managed.Tones;

/// <summary>
/// Connect tones at −13 dBm0, frame by frame:
/// <list type="bullet">
/// <item>CNG: 1100 Hz, 0.5 s on / 3 s off, repeated for as long as frames are asked for (T.30 §5.2.1).</item>
/// <item>CED / ANS: 2100 Hz for 3.3 s (T.30 §5.2.2: 2.6–4 s; V.25 §5.2).</item>
/// <item>ANS/PR: ANS with a phase reversal every 450 ms (V.25 §5.2.2).</item>
/// <item>ANSam: 2100 Hz amplitude-modulated by 15 Hz with 20 % depth (V.8 §7.1), 3.3 s; ANSam/PR adds the reversals.</item>
/// <item>The V.21 preamble: 1 s of HDLC flags on V.21 channel 2 (T.30 §5.3.1).</item>
/// </list>
/// Silence once a tone of limited duration has ended. Allocation-free after construction.
/// </summary>
internal sealed class ManagedToneGenerator : IToneGenerator
{
    private const double LevelDbm0 = -13;
    private const int AnswerSamples = 33 * AudioFrame.SampleRate / 10;
    private const int ReversalSamples = 450 * AudioFrame.SampleRate / 1000;
    private const int CngOnSamples = AudioFrame.SampleRate / 2;
    private const int CngCycleSamples = 7 * AudioFrame.SampleRate / 2;

    private readonly float _amplitude = (float)Levels.SinePeak(LevelDbm0);
    private readonly uint _step;
    private readonly uint _amStep = SineTable.Step(15);
    private readonly V21Transmitter? _preamble;
    private uint _phase;
    private uint _amPhase;
    private long _sample;

    public ManagedToneGenerator(FaxTone tone)
    {
        Tone = tone;
        _step = SineTable.Step(tone == FaxTone.Cng ? 1100 : 2100);
        if (tone == FaxTone.V21Preamble)
        {
            var flags = new HdlcEncoder(preambleFlags: 38, closingFlags: 1);
            flags.Finish();
            _preamble = new V21Transmitter(new ModemOptions(ModemType.V21, 300, LevelDbm0: LevelDbm0), flags);
        }
        else if (!Enum.IsDefined(tone))
        {
            throw new ArgumentOutOfRangeException(nameof(tone), tone, "unknown connect tone");
        }
    }

    public FaxTone Tone { get; }

    public void Generate(Span<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        if (_preamble is not null)
        {
            _preamble.Transmit(frame);
            return;
        }

        var reversals = Tone is FaxTone.AnsPr or FaxTone.AnsAmPr;
        var am = Tone is FaxTone.AnsAm or FaxTone.AnsAmPr;
        for (var i = 0; i < frame.Length; i++, _sample++)
        {
            var on = Tone == FaxTone.Cng ? _sample % CngCycleSamples < CngOnSamples : _sample < AnswerSamples;
            if (!on)
            {
                frame[i] = 0;
                continue;
            }

            if (reversals && _sample > 0 && _sample % ReversalSamples == 0)
            {
                _phase += 0x80000000u;
            }

            var envelope = am ? 1 + (0.2f * SineTable.Sin(_amPhase)) : 1;
            frame[i] = (short)(_amplitude * envelope * SineTable.Sin(_phase));
            _phase += _step;
            _amPhase += _amStep;
        }
    }

    public void Dispose()
    {
    }
}
