using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Simulated;
using FaxBox.Testing;
using Xunit.Abstractions;

namespace FaxBox.LineInterface.Tests.Simulated;

/// <summary>
/// Two of the native engine's audio terminals wired back to back through nothing but <see cref="SampleClockSkew"/> (no
/// ports, loops, gain, noise or echo): isolates the engine's tolerance of a sample-clock offset from the rest of the
/// simulator. The resampler itself is proven exact by <see cref="SampleClockSkewTests"/>, and the V.17 modem alone
/// (long training, <c>faxbox fax modem-test --modem v17 --clock-ppm ±100</c>, with the Host's independent resampler)
/// has no bit errors at ±100 ppm.
/// </summary>
public sealed class EngineClockOffsetTests(ITestOutputHelper output)
{
    private FaxResult Run(double ppm, FaxModems modems)
    {
        using var folder = TestPaths.NewTempFolder();
        var sent = folder.File("sent.tif");
        TestPageGenerator.Write(sent, new TestPageOptions { Pages = 1 });
        using var sender = Engine.Native.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = FaxDirection.Send, SendFile = sent, CallingParty = true, LocalIdent = "SENDER", Modems = modems, Watchdog = TimeSpan.FromMinutes(3),
        });
        using var receiver = Engine.Native.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = FaxDirection.Receive, ReceiveFile = folder.File("received.tif"), CallingParty = false, LocalIdent = "RECEIVER", Modems = modems, Watchdog = TimeSpan.FromMinutes(3),
        });
        var forward = new SampleClockSkew(ppm);
        var backward = new SampleClockSkew(-ppm);
        var a = new short[AudioFrame.Samples];
        var b = new short[AudioFrame.Samples];
        for (var frame = 0; frame < 10_000 && !(sender.IsComplete && receiver.IsComplete); frame++)
        {
            sender.TransmitAudio(a);
            forward.Process(a);
            receiver.ReceiveAudio(a);
            receiver.TransmitAudio(b);
            backward.Process(b);
            sender.ReceiveAudio(b);
        }

        var result = receiver.Result ?? throw new InvalidOperationException("the call did not end within 200 s");
        output.WriteLine($"{ppm} ppm, {modems}: {result.T30Text} ({result.Statistics.BitRate} bit/s, {result.Statistics.PagesTransferred} page(s))");
        return result;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(-50)]
    [InlineData(100)]
    [InlineData(-100)]
    public void V29_and_V27ter_fax_passes_at_crystal_clock_offsets(double ppm)
    {
        var result = Run(ppm, FaxModems.V29 | FaxModems.V27ter);

        Assert.True(result.Success, result.T30Text);
        Assert.Equal(9600, result.Statistics.BitRate);
    }

    [Fact]
    public void V17_fax_passes_without_clock_offset()
    {
        var result = Run(0, FaxModems.All);

        Assert.True(result.Success, result.T30Text);
        Assert.Equal(14400, result.Statistics.BitRate);
    }

    [Fact]
    public void KnownLimitation_SpanDsp006_V17_pages_are_lost_at_some_small_clock_offsets()
    {
        // spandsp 0.0.6: with the sample clocks a few ppm apart a V.17 page is sometimes not received ("Timer T2 expired
        // while waiting for fax page") although the same modem pair with long training carries 200 kbit at ±100 ppm
        // without an error, and V.29 (which always trains in full) passes at ±100 ppm. After a V.17 TCF the page starts
        // with short training, which reuses the equaliser trained on TCF: the likely culprit. Which offsets fail depends
        // on where the drift leaves the timing phase, not on the size of the offset (±5 ppm fail, −20 and +50 pass).
        var failing = new List<double>();
        foreach (var ppm in (double[])[-50, -20, -5, 5, 20, 50])
        {
            if (!Run(ppm, FaxModems.All).Success)
            {
                failing.Add(ppm);
            }
        }

        output.WriteLine("V.17 failed at: " + string.Join(", ", failing) + " ppm");
        Assert.Contains(5.0, failing);
        Assert.Contains(-5.0, failing);
        Assert.True(failing.Count < 6, "V.17 failed at every offset: worse than the known limitation");
    }
}
