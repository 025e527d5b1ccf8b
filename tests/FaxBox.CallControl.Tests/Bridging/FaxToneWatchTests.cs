using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Tests.Gateway;
using FaxBox.Core;
using FaxBox.Fax.Tones;

namespace FaxBox.CallControl.Tests.Bridging;

/// <summary>
/// The line side's tone watch against the echo of what the network plays to the line (a 2-wire hybrid returns it some
/// 10–20 dB down): the echo of the far end's CED must not count as the local terminal answering.
/// </summary>
public sealed class FaxToneWatchTests
{
    private const int EchoDelaySamples = 64; // 8 ms, the simulator line's default echo path

    /// <summary>Runs a CED from the network for <paramref name="frames"/> frames; the line returns it <paramref name="echoLossDb"/> down
    /// (null: no echo) plus, from <paramref name="localCedFrom"/> on, a CED of its own. Returns what each watch reported.</summary>
    private static (List<FaxToneEvent> Line, List<FaxToneEvent> Network, List<FaxToneEvent> Echo) Run(int frames, double? echoLossDb, int? localCedFrom = null)
    {
        var time = new MediaTimeProvider(DateTimeOffset.UnixEpoch);
        List<FaxToneEvent> line = [], network = [], echo = [];
        using var networkWatch = new FaxToneWatch(Native.Engine.CreateToneDetector(new ToneDetectorOptions()), fromLine: false, time, network.Add);
        using var lineWatch = new FaxToneWatch(Native.Engine.CreateToneDetector(new ToneDetectorOptions()), fromLine: true, time, line.Add, networkWatch, echo.Add);
        using var farCed = Native.Engine.CreateToneGenerator(FaxTone.Ced);
        using var localCed = Native.Engine.CreateToneGenerator(FaxTone.Ced);
        var toLine = new short[AudioFrame.Samples];
        var fromLine = new short[AudioFrame.Samples];
        var local = new short[AudioFrame.Samples];
        var echoPath = new short[AudioFrame.Samples + EchoDelaySamples];
        double gain = echoLossDb is { } loss ? Math.Pow(10, -loss / 20) : 0;
        for (int i = 0; i < frames; i++)
        {
            farCed.Generate(toLine);
            Array.Copy(echoPath, AudioFrame.Samples, echoPath, 0, EchoDelaySamples);
            toLine.CopyTo(echoPath.AsSpan(EchoDelaySamples));
            Array.Clear(local);
            if (i >= localCedFrom)
            {
                localCed.Generate(local);
            }

            for (int n = 0; n < AudioFrame.Samples; n++)
            {
                fromLine[n] = (short)Math.Clamp(echoPath[n] * gain + local[n], short.MinValue, short.MaxValue);
            }

            networkWatch.Process(toLine);
            lineWatch.Process(fromLine);
            time.Advance();
        }

        return (line, network, echo);
    }

    [Theory]
    [InlineData(20.0)]
    [InlineData(10.0)]
    [InlineData(6.0)]
    public void The_lines_echo_of_the_networks_CED_is_not_reported_as_the_line_answering(double echoLossDb)
    {
        var (line, network, echo) = Run(frames: 150, echoLossDb);

        var ced = Assert.Single(network);
        Assert.Equal(FaxTone.Ced, ced.Tone);
        Assert.Empty(line);
        var echoed = Assert.Single(echo);
        Assert.Equal(FaxTone.Ced, echoed.Tone);
        Assert.True(echoed.FromLine);
        Assert.True(echoed.At >= ced.At, $"echo heard at {echoed.At}, the network's CED at {ced.At}");
    }

    [Fact]
    public void Without_a_reference_the_same_echo_is_reported_from_the_line()
    {
        var time = new MediaTimeProvider(DateTimeOffset.UnixEpoch);
        List<FaxToneEvent> line = [];
        using var watch = new FaxToneWatch(Native.Engine.CreateToneDetector(new ToneDetectorOptions()), fromLine: true, time, line.Add);
        using var ced = Native.Engine.CreateToneGenerator(FaxTone.Ced);
        var frame = new short[AudioFrame.Samples];
        for (int i = 0; i < 150; i++)
        {
            ced.Generate(frame);
            for (int n = 0; n < frame.Length; n++)
            {
                frame[n] = (short)(frame[n] / 10); // 20 dB down, as the echo above
            }

            watch.Process(frame);
            time.Advance();
        }

        Assert.Equal(FaxTone.Ced, Assert.Single(line).Tone);
    }

    [Fact]
    public void A_CED_of_the_lines_own_after_the_networks_has_ended_is_reported()
    {
        // The far CED lasts 2.6–4 s (T.30 §4.2.2.1 asks 2.6 to 4.0 s); the line's own starts at 8 s, well after it.
        var (line, network, _) = Run(frames: 600, echoLossDb: 20, localCedFrom: 400);

        Assert.Equal(FaxTone.Ced, Assert.Single(network).Tone);
        var own = Assert.Single(line);
        Assert.Equal(FaxTone.Ced, own.Tone);
        Assert.True(own.At >= TimeSpan.FromSeconds(8), $"the line's own CED reported at {own.At}");
    }
}
