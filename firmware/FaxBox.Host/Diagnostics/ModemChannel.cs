using FaxBox.Core;
using FaxBox.Media.G711;

namespace FaxBox.Host.Diagnostics;

/// <summary>
/// A telephone channel for modem tests, frame by frame (160 samples in, 160 out), seeded and deterministic:
/// <list type="number">
/// <item>gain;</item>
/// <item>frequency offset: the analytic signal (a 63-tap Blackman-windowed Hilbert FIR beside a matching delay) is
/// rotated by e^{j2πΔft} and its real part kept, a single-sideband shift as in FDM carrier systems;</item>
/// <item>sample-clock offset: the input is resampled at 1 + ppm·10⁻⁶ input samples per output sample with a
/// 16-tap Kaiser-windowed sinc interpolator (256 phases, linearly interpolated), so a sender clock running fast by N ppm
/// is heard by a receiver on an exact clock;</item>
/// <item>white Gaussian noise (Box–Muller from a seeded <see cref="Random"/>) at an absolute level or an SNR;</item>
/// <item>G.711 A-law or µ-law encode and decode (FaxBox.Media), with the int16 clipping of a real leg.</item>
/// </list>
/// The frequency shift and the resampler add a fixed delay (31 and 504 samples). Allocates nothing per frame.
/// </summary>
internal sealed class ModemChannel
{
    // A full-scale sine (peak 32767, RMS 32767/√2) is +3.14 dBm0 in G.711, so 0 dBm0 is that RMS lowered by 3.14 dB.
    private static readonly double ZeroDbm0Rms = 32767.0 / Math.Sqrt(2) * Math.Pow(10, -3.14 / 20);

    private const int HilbertTaps = 63;
    private const int HilbertDelay = HilbertTaps / 2;
    private const int InterpolatorTaps = 16;
    private const int InterpolatorPhases = 256;
    private const int HistoryLength = 8192;
    private const int HistoryMask = HistoryLength - 1;
    private const int InitialLatency = 512;

    private static readonly double[] Hilbert = HilbertCoefficients();
    private static readonly float[] Interpolator = InterpolatorTable();

    private readonly ModemChannelOptions _options;
    private readonly double _gain;
    private readonly double _noiseRms;
    private readonly Random _random;
    private readonly double _phaseStep;
    private readonly double _ratio;
    private readonly double[] _shiftLine = new double[HilbertTaps];
    private readonly double[] _history = new double[HistoryLength];
    private readonly double[] _work = new double[AudioFrame.Samples];
    private readonly byte[] _encoded = new byte[AudioFrame.Samples];
    private int _shiftIndex;
    private double _phase;
    private long _written;
    private double _readTime;
    private double? _spareGaussian;

    public ModemChannel(ModemChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _gain = Math.Pow(10, options.GainDb / 20);
        _noiseRms = options.EffectiveNoiseDbm0 is { } noise ? ZeroDbm0Rms * Math.Pow(10, noise / 20) : 0;
        _random = new Random(options.Seed);
        _phaseStep = 2 * Math.PI * options.FrequencyOffsetHz / AudioFrame.SampleRate;
        _ratio = 1 + (options.ClockPpm * 1e-6);

        // The resampler starts ~500 samples behind the newest one, which leaves room for a fast sender clock of 100 ppm
        // over 10 minutes (1000 ppm over 1 minute) before it must hold its last sample.
        _written = InitialLatency;
        _readTime = InterpolatorTaps / 2;
    }

    /// <summary>The options the channel was built with.</summary>
    public ModemChannelOptions Options => _options;

    /// <summary>RMS of a 0 dBm0 signal in linear 16-bit samples.</summary>
    public static double Dbm0Rms(double dbm0) => ZeroDbm0Rms * Math.Pow(10, dbm0 / 20);

    /// <summary>Passes one frame through the channel, in place.</summary>
    public void Pass(Span<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        var work = _work.AsSpan();
        for (var i = 0; i < frame.Length; i++)
        {
            work[i] = frame[i] * _gain;
        }

        if (_phaseStep != 0)
        {
            Shift(work);
        }

        if (_ratio != 1)
        {
            Resample(work);
        }

        for (var i = 0; i < frame.Length; i++)
        {
            var value = work[i];
            if (_noiseRms > 0)
            {
                value += Gaussian() * _noiseRms;
            }

            frame[i] = (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
        }

        switch (_options.Codec)
        {
            case LoopbackCodec.ALaw:
                G711ALaw.Encode(frame, _encoded);
                G711ALaw.Decode(_encoded, frame);
                break;
            case LoopbackCodec.MuLaw:
                G711MuLaw.Encode(frame, _encoded);
                G711MuLaw.Decode(_encoded, frame);
                break;
            default:
                break;
        }
    }

    private void Shift(Span<double> work)
    {
        for (var n = 0; n < work.Length; n++)
        {
            _shiftLine[_shiftIndex] = work[n];
            double quadrature = 0;
            for (var k = 0; k < HilbertTaps; k += 2)
            {
                // Only odd offsets from the centre (31) have non-zero Hilbert coefficients: even k.
                var index = _shiftIndex - k + (k > _shiftIndex ? HilbertTaps : 0);
                quadrature += Hilbert[k] * _shiftLine[index];
            }

            var delayed = _shiftLine[(_shiftIndex - HilbertDelay + HilbertTaps) % HilbertTaps];
            _shiftIndex = (_shiftIndex + 1) % HilbertTaps;
            work[n] = (delayed * Math.Cos(_phase)) - (quadrature * Math.Sin(_phase));
            _phase += _phaseStep;
            if (_phase > Math.PI)
            {
                _phase -= 2 * Math.PI;
            }
            else if (_phase < -Math.PI)
            {
                _phase += 2 * Math.PI;
            }
        }
    }

    private void Resample(Span<double> work)
    {
        for (var n = 0; n < work.Length; n++)
        {
            _history[_written++ & HistoryMask] = work[n];
        }

        for (var n = 0; n < work.Length; n++)
        {
            // Hold the newest usable instant if the sender's clock has outrun the buffer.
            var latest = _written - (InterpolatorTaps / 2) - 1;
            if (_readTime > latest)
            {
                _readTime = latest;
            }

            var whole = (long)Math.Floor(_readTime);
            var fraction = _readTime - whole;
            var position = fraction * InterpolatorPhases;
            var phase = (int)position;
            var blend = (float)(position - phase);
            var a = phase * InterpolatorTaps;
            var b = a + InterpolatorTaps;
            double sum = 0;
            for (var k = 0; k < InterpolatorTaps; k++)
            {
                var coefficient = Interpolator[a + k] + ((Interpolator[b + k] - Interpolator[a + k]) * blend);
                sum += coefficient * _history[(whole - (InterpolatorTaps / 2) + 1 + k) & HistoryMask];
            }

            work[n] = sum;
            _readTime += _ratio;
        }
    }

    private double Gaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }

        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareGaussian = radius * Math.Sin(2.0 * Math.PI * u2);
        return radius * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Hilbert transformer taps h[k] for k = 0 … 62, centre 31: 2/(π(k−31)) at odd offsets, Blackman-windowed.</summary>
    private static double[] HilbertCoefficients()
    {
        var taps = new double[HilbertTaps];
        for (var k = 0; k < HilbertTaps; k++)
        {
            var m = k - HilbertDelay;
            if (m % 2 == 0)
            {
                continue;
            }

            var window = 0.42 - (0.5 * Math.Cos(2 * Math.PI * k / (HilbertTaps - 1))) + (0.08 * Math.Cos(4 * Math.PI * k / (HilbertTaps - 1)));
            taps[k] = 2 / (Math.PI * m) * window;
        }

        return taps;
    }

    /// <summary>
    /// Windowed-sinc taps for fractional delays 0 … 1 in 256 steps (plus the end point): row p holds the 16 weights of the
    /// input samples at offsets −7 … +8 around the integer instant for a fraction p/256.
    /// </summary>
    private static float[] InterpolatorTable()
    {
        var table = new float[(InterpolatorPhases + 1) * InterpolatorTaps];
        const double Beta = 6.0;
        for (var p = 0; p <= InterpolatorPhases; p++)
        {
            var fraction = (double)p / InterpolatorPhases;
            double total = 0;
            for (var k = 0; k < InterpolatorTaps; k++)
            {
                var t = k - ((InterpolatorTaps / 2) - 1) - fraction;
                var sinc = t == 0 ? 1 : Math.Sin(Math.PI * t) / (Math.PI * t);
                var x = t / (InterpolatorTaps / 2);
                var window = Math.Abs(x) >= 1 ? 0 : BesselI0(Beta * Math.Sqrt(1 - (x * x))) / BesselI0(Beta);
                table[(p * InterpolatorTaps) + k] = (float)(sinc * window);
                total += sinc * window;
            }

            for (var k = 0; k < InterpolatorTaps; k++)
            {
                table[(p * InterpolatorTaps) + k] = (float)(table[(p * InterpolatorTaps) + k] / total);
            }
        }

        return table;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (var k = 1; k < 30; k++)
        {
            term *= x / (2 * k);
            sum += term * term;
        }

        return sum;
    }
}
