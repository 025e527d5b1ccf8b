using FaxBox.Core;
using FaxBox.Media.G711;

namespace FaxBox.Host.Diagnostics;

/// <summary>
/// One direction of an audio leg: optional white Gaussian noise at a level in dBm0, then a G.711 encode and decode
/// (what an RTP leg does to the signal). Works in place on one frame; allocates nothing per frame.
/// </summary>
internal sealed class AudioChannel
{
    // A full-scale sine (peak 32767, RMS 32767/√2) is +3.14 dBm0 in G.711, so 0 dBm0 is that RMS lowered by 3.14 dB.
    private static readonly double ZeroDbm0Rms = 32767.0 / Math.Sqrt(2) * Math.Pow(10, -3.14 / 20);

    private readonly LoopbackCodec _codec;
    private readonly double _noiseRms;
    private readonly Random? _random;
    private readonly byte[] _encoded = new byte[AudioFrame.Samples];

    public AudioChannel(LoopbackCodec codec, double? noiseDbm0, Random random)
    {
        _codec = codec;
        if (noiseDbm0 is { } level)
        {
            _noiseRms = ZeroDbm0Rms * Math.Pow(10, level / 20);
            _random = random;
        }
    }

    public void Pass(Span<short> frame)
    {
        if (_random is { } random)
        {
            for (var i = 0; i < frame.Length; i++)
            {
                // Box–Muller: one Gaussian sample per pair of uniforms (the second is discarded for simplicity).
                var u1 = 1.0 - random.NextDouble();
                var u2 = random.NextDouble();
                var gaussian = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
                frame[i] = (short)Math.Clamp(frame[i] + (gaussian * _noiseRms), short.MinValue, short.MaxValue);
            }
        }

        switch (_codec)
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
}
