using BenchmarkDotNet.Attributes;
using FaxBox.Core;
using FaxBox.Media.G711;
using FaxBox.Media.Jitter;
using FaxBox.Media.Rfc4733;
using FaxBox.Media.Rtp;

namespace FaxBox.MicroBenchmarks.Media;

/// <summary>
/// Per-frame cost and allocation of the RTP-side media path. Baseline: G.711 µ-law encoding of one 20 ms frame, the
/// work every frame needs anyway. Run: dotnet run -c Release --project tests/FaxBox.MicroBenchmarks -- --filter '*MediaPath*'
/// </summary>
[MemoryDiagnoser]
public class MediaPathBenchmarks
{
    private readonly short[] _pcm = new short[AudioFrame.Samples];
    private readonly short[] _out = new short[AudioFrame.Samples];
    private readonly byte[] _ulaw = new byte[AudioFrame.Samples];
    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + AudioFrame.Samples];
    private readonly FixedJitterBuffer _fixed = new(new FixedJitterBufferOptions());
    private readonly AdaptiveJitterBuffer _adaptive = new(new AdaptiveJitterBufferOptions());
    private uint _timestamp;
    private ushort _sequence;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(8000 * Math.Sin(i * 2 * Math.PI * 1800 / 8000));
        }
    }

    [Benchmark(Baseline = true)]
    public byte G711Encode()
    {
        G711MuLaw.Encode(_pcm, _ulaw);
        return _ulaw[7];
    }

    [Benchmark]
    public int RtpHeaderWriteAndParse()
    {
        RtpHeader.Write(_packet, false, 0, _sequence++, _timestamp += 160, 0x1234);
        RtpHeader.TryParse(_packet, out RtpHeader h, out _);
        return h.PayloadLength;
    }

    [Benchmark]
    public short FixedJitterBufferPutGet()
    {
        _timestamp += AudioFrame.Samples;
        _fixed.Put(_timestamp, _pcm);
        _fixed.Get(_out);
        return _out[3];
    }

    [Benchmark]
    public short AdaptiveJitterBufferPutGet()
    {
        _timestamp += AudioFrame.Samples;
        _adaptive.Put(_timestamp, _pcm, TimeSpan.FromTicks(_timestamp * (TimeSpan.TicksPerSecond / 8000)));
        _adaptive.Get(_out);
        return _out[3];
    }

    [Benchmark]
    public int TelephoneEventWriteAndParse()
    {
        new TelephoneEvent(TelephoneEventCode.Digit5, false, 10, 480).Write(_ulaw);
        TelephoneEvent.TryParse(_ulaw, out TelephoneEvent e, out _);
        return e.Duration;
    }
}
