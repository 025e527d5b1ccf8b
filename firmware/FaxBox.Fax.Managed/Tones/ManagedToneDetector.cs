using System.Numerics;
using FaxBox.Core;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Managed.Hdlc;
using FaxBox.Fax.Managed.V21;
using FaxBox.Fax.Modems;
using FaxBox.Fax.Tones;

namespace FaxBox.Fax.Managed.Tones;

/// <summary>
/// Connect-tone detector, one decision per 20 ms frame:
/// <list type="bullet">
/// <item>A single-bin DFT at 1100 Hz and at 2100 Hz over the frame (22 and 42 whole cycles). A tone is "in" a frame when
/// its bin holds more than half of the frame's energy and its level is above −43 dBm0, so noise of any level is not a
/// tone.</item>
/// <item>CNG: 1100 Hz in 20 frames in a row (400 ms of the 500 ms burst).</item>
/// <item>The 2100 Hz family: confirmed after 1 s (50 frames, gaps of up to 2 frames bridged — a phase reversal inside
/// a frame empties that frame's bin). Phase reversals (V.25 ANS/PR) are found from the bin's phase two frames apart
/// against its drift (the drift, a frequency offset, is estimated from the squared frame-to-frame rotation, which a
/// reversal does not disturb): a jump of more than 120° is a reversal; two in the first second make it a PR kind.
/// Amplitude modulation (V.8 ANSam, 15 Hz, 20 %) shows as a spread of the per-frame amplitude: a relative standard
/// deviation above 6 % makes it an AM kind.</item>
/// <item>V.21 preamble: a managed V.21 receiver and HDLC decoder; four flags in a row start it, loss of carrier ends it.</item>
/// </list>
/// Each start and end is raised once, after the frame that decided it. Not thread-safe; allocation-free per frame.
/// </summary>
internal sealed class ManagedToneDetector : IToneDetector, IHdlcFrameSink
{
    private const int CngFrames = 20;
    private const int AnswerFrames = 50;
    private const int GapFrames = 2;
    private const double ReversalThreshold = 2 * Math.PI / 3;
    private const double AmThreshold = 0.06;

    private static readonly Complex[] Bin1100 = Basis(1100);
    private static readonly Complex[] Bin2100 = Basis(2100);

    private readonly ToneDetectorOptions _options;
    private readonly double _minimumPower = Levels.Power(-43);
    private readonly V21Receiver? _v21;
    private long _frames;

    private int _cngRun;
    private int _cngGap;
    private bool _cngOn;

    private int _ansRun;
    private int _ansGap;
    private FaxTone? _ansTone;
    private Complex _previous;
    private Complex _beforePrevious;
    private Complex _driftSquared;
    private int _reversals;
    private int _refractory;
    private double _amplitudeSum;
    private double _amplitudeSquareSum;
    private int _amplitudeCount;
    private double _lastAmplitude;

    private bool _preambleOn;
    private bool _preambleReport;
    private bool _preambleEndReport;

    public ManagedToneDetector(ToneDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        if (options.V21Preamble)
        {
            _v21 = new V21Receiver(new ModemOptions(ModemType.V21, 300), new HdlcDecoder(this));
        }
    }

    public event EventHandler<ToneEvent>? ToneChanged;

    public void Process(ReadOnlySpan<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        _frames++;
        double energy = 0;
        Complex z1100 = Complex.Zero, z2100 = Complex.Zero;
        for (var i = 0; i < frame.Length; i++)
        {
            double x = frame[i];
            energy += x * x;
            z1100 += x * Bin1100[i];
            z2100 += x * Bin2100[i];
        }

        var at = TimeSpan.FromMilliseconds(_frames * AudioFrame.Milliseconds);
        if (_options.Cng)
        {
            Cng(Present(z1100, energy, out var level), level, at);
        }

        if (_options.Answer)
        {
            Answer(z2100, Present(z2100, energy, out var level), level, at);
        }

        if (_v21 is not null)
        {
            _v21.Receive(frame);
            if (_preambleReport)
            {
                _preambleReport = false;
                Raise(FaxTone.V21Preamble, true, null, at);
            }

            if (_preambleEndReport)
            {
                _preambleEndReport = false;
                Raise(FaxTone.V21Preamble, false, null, at);
            }
        }
    }

    public void Dispose() => _v21?.Dispose();

    void IHdlcFrameSink.OnFrame(ReadOnlySpan<byte> frame, bool fcsOk)
    {
    }

    void IHdlcFrameSink.OnEvent(HdlcEvent hdlcEvent)
    {
        if (hdlcEvent == HdlcEvent.FramingOk && !_preambleOn)
        {
            _preambleOn = true;
            _preambleReport = true;
        }
        else if (hdlcEvent == HdlcEvent.CarrierDown && _preambleOn)
        {
            _preambleOn = false;
            _preambleEndReport = true;
        }
    }

    private bool Present(Complex bin, double energy, out double levelDbm0)
    {
        // A sine of amplitude A gives |bin| = A·N/2; its power A²/2 = 2|bin|²/N².
        var tonePower = 2 * bin.Magnitude * bin.Magnitude / (AudioFrame.Samples * (double)AudioFrame.Samples);
        levelDbm0 = Levels.Dbm0(tonePower);
        var framePower = energy / AudioFrame.Samples;
        return tonePower > _minimumPower && tonePower > 0.5 * framePower;
    }

    private void Cng(bool present, double level, TimeSpan at)
    {
        if (present)
        {
            _cngGap = 0;
            if (++_cngRun == CngFrames && !_cngOn)
            {
                _cngOn = true;
                Raise(FaxTone.Cng, true, level, at);
            }

            return;
        }

        _cngRun = 0;
        if (_cngOn && ++_cngGap > GapFrames)
        {
            _cngOn = false;
            Raise(FaxTone.Cng, false, null, at);
        }
    }

    private void Answer(Complex bin, bool present, double level, TimeSpan at)
    {
        if (!present)
        {
            if (++_ansGap > GapFrames)
            {
                _ansRun = 0;
                _reversals = 0;
                _amplitudeCount = 0;
                _amplitudeSum = 0;
                _amplitudeSquareSum = 0;
                _driftSquared = Complex.Zero;
                _previous = Complex.Zero;
                _beforePrevious = Complex.Zero;
                if (_ansTone is { } ended)
                {
                    _ansTone = null;
                    Raise(ended, false, null, at);
                }
            }

            TrackPhase(bin, countAmplitude: false);
            return;
        }

        _ansGap = 0;
        _ansRun++;
        TrackPhase(bin, countAmplitude: true);
        if (_ansRun == AnswerFrames && _ansTone is null)
        {
            var mean = _amplitudeSum / Math.Max(1, _amplitudeCount);
            var spread = Math.Sqrt(Math.Max(0, (_amplitudeSquareSum / Math.Max(1, _amplitudeCount)) - (mean * mean))) / Math.Max(mean, 1e-9);
            var am = spread > AmThreshold;
            var pr = _reversals >= 2;
            _ansTone = (am, pr) switch
            {
                (false, false) => FaxTone.Ced,
                (false, true) => FaxTone.AnsPr,
                (true, false) => FaxTone.AnsAm,
                _ => FaxTone.AnsAmPr,
            };
            Raise(_ansTone.Value, true, level, at);
        }
    }

    private void TrackPhase(Complex bin, bool countAmplitude)
    {
        if (_previous != Complex.Zero && bin != Complex.Zero)
        {
            var rotation = bin * Complex.Conjugate(_previous);
            rotation /= Math.Max(rotation.Magnitude, 1e-12);
            _driftSquared = (0.9 * _driftSquared) + (0.1 * rotation * rotation);
            if (_refractory > 0)
            {
                _refractory--;
            }
            else if (_beforePrevious != Complex.Zero)
            {
                var drift = _driftSquared.Phase / 2;
                var jump = Wrap((bin * Complex.Conjugate(_beforePrevious)).Phase - (2 * drift));
                if (Math.Abs(jump) > ReversalThreshold)
                {
                    _reversals++;
                    _refractory = 2;

                    // The reversal fell in the previous frame and weakened it: take it back out of the AM measure.
                    if (_lastAmplitude > 0)
                    {
                        _amplitudeSum -= _lastAmplitude;
                        _amplitudeSquareSum -= _lastAmplitude * _lastAmplitude;
                        _amplitudeCount--;
                        _lastAmplitude = 0;
                    }
                }
            }
        }

        // Frames next to a reversal are weakened by it: they do not count towards the AM measure.
        _lastAmplitude = 0;
        if (countAmplitude && _refractory == 0)
        {
            _lastAmplitude = bin.Magnitude;
            _amplitudeSum += _lastAmplitude;
            _amplitudeSquareSum += _lastAmplitude * _lastAmplitude;
            _amplitudeCount++;
        }

        _beforePrevious = _previous;
        _previous = bin;
    }

    private void Raise(FaxTone tone, bool present, double? level, TimeSpan at) =>
        ToneChanged?.Invoke(this, new ToneEvent(tone, present, level is { } l ? Math.Round(l, 1) : null, at));

    private static double Wrap(double angle)
    {
        while (angle > Math.PI)
        {
            angle -= 2 * Math.PI;
        }

        while (angle < -Math.PI)
        {
            angle += 2 * Math.PI;
        }

        return angle;
    }

    private static Complex[] Basis(double hz)
    {
        var basis = new Complex[AudioFrame.Samples];
        for (var i = 0; i < basis.Length; i++)
        {
            var angle = -2 * Math.PI * hz * i / AudioFrame.SampleRate;
            basis[i] = new Complex(Math.Cos(angle), Math.Sin(angle));
        }

        return basis;
    }
}
