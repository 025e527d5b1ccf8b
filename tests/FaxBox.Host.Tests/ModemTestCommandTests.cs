using System.Text.Json;
using FaxBox.Core;
using FaxBox.Host.Diagnostics;

namespace FaxBox.Host.Tests;

public sealed class ModemTestCommandTests
{
    [Fact]
    public void JsonReportCarriesBitErrorsTrainingAndQuality()
    {
        var (exit, output, error) = CommandLineRunner.Run(
            "fax", "modem-test", "--modem", "v21", "--tx", "native", "--rx", "managed", "--codec", "alaw", "--freq-offset", "10",
            "--clock-ppm", "100", "--bits", "3000", "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(0, root.GetProperty("bitErrors").GetInt64());
        Assert.Equal(0, root.GetProperty("slips").GetInt32());
        Assert.Equal(3000, root.GetProperty("bits").GetInt64());
        Assert.True(root.GetProperty("trainingSucceeded").GetBoolean());
        Assert.InRange(root.GetProperty("qualityDb").GetDouble(), 10, 60);
        Assert.Equal("alaw", root.GetProperty("codec").GetString());
    }

    /// <summary>Managed V.17 against spandsp through the BER tool (spandsp's own receiver loses V.17 at 50 ppm in this channel, so that direction runs without clock offset).</summary>
    [Theory]
    [InlineData("managed", "native", "0")]
    [InlineData("native", "managed", "50")]
    public void ManagedV17AgainstSpandspIsBitExactThroughTheChannel(string tx, string rx, string clockPpm)
    {
        var (exit, output, error) = CommandLineRunner.Run(
            "fax", "modem-test", "--modem", "v17", "--rate", "14400", "--tx", tx, "--rx", rx, "--codec", "ulaw", "--freq-offset", "-7",
            "--clock-ppm", clockPpm, "--snr", "30", "--bits", "20000", "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(0, root.GetProperty("bitErrors").GetInt64());
        Assert.True(root.GetProperty("trainingSucceeded").GetBoolean());
        Assert.Equal(14400, root.GetProperty("bitRate").GetInt32());
    }

    [Fact]
    public void NoiseAloneReportsNoSignalForTheManagedReceiver()
    {
        var (exit, output, _) = CommandLineRunner.Run("fax", "modem-test", "--modem", "v21", "--tx", "none", "--rx", "managed", "--noise", "-30");
        Assert.Equal(0, exit);
        Assert.StartsWith("PASS", output, StringComparison.Ordinal);
        Assert.Contains("no signal", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongRateIsAClearError()
    {
        var (exit, _, error) = CommandLineRunner.Run("fax", "modem-test", "--modem", "v29", "--rate", "14400");
        Assert.Equal(1, exit);
        Assert.Contains("V29 does not run at 14400 bit/s; valid rates: 9600, 7200", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ChannelShiftsFrequencyAndClockAndAddsNoiseAtTheAskedLevelDeterministically()
    {
        Assert.InRange(MeasureHz(new ModemChannelOptions { FrequencyOffsetHz = 10 }), 1009.5, 1010.5);
        Assert.InRange(MeasureHz(new ModemChannelOptions { ClockPpm = 500 }), 1000.4, 1000.6);

        var noise = Pass(new ModemChannelOptions { NoiseDbm0 = -30, Seed = 4 }, silence: true);
        var rms = Math.Sqrt(noise.Average(s => (double)s * s));
        var dbm0 = 20 * Math.Log10(rms / (32767.0 / Math.Sqrt(2) * Math.Pow(10, -3.14 / 20)));
        Assert.InRange(dbm0, -30.2, -29.8);
        Assert.Equal(noise, Pass(new ModemChannelOptions { NoiseDbm0 = -30, Seed = 4 }, silence: true));
        Assert.NotEqual(noise, Pass(new ModemChannelOptions { NoiseDbm0 = -30, Seed = 5 }, silence: true));
    }

    private static double MeasureHz(ModemChannelOptions options)
    {
        var samples = Pass(options, silence: false);
        var first = -1;
        var last = -1;
        var crossings = 0;
        for (var i = 1000; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                first = first < 0 ? i : first;
                last = i;
                crossings++;
            }
        }

        return (crossings - 1) / ((last - first) / 8000.0);
    }

    private static short[] Pass(ModemChannelOptions options, bool silence)
    {
        var channel = new ModemChannel(options);
        var all = new short[500 * AudioFrame.Samples];
        var frame = new short[AudioFrame.Samples];
        for (var f = 0; f < 500; f++)
        {
            for (var i = 0; i < frame.Length; i++)
            {
                var n = (f * AudioFrame.Samples) + i;
                frame[i] = silence ? (short)0 : (short)(10000 * Math.Sin(2 * Math.PI * 1000 * n / 8000.0));
            }

            channel.Pass(frame);
            frame.CopyTo(all, f * AudioFrame.Samples);
        }

        return all;
    }
}
