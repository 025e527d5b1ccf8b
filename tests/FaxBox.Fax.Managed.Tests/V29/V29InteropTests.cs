using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V29;

/// <summary>V.29 against libspandsp's v29tx/v29rx both ways.</summary>
public sealed class V29InteropTests
{
    [Theory]
    [InlineData("managed", "native", 9600, LineCodec.Linear)]
    [InlineData("managed", "native", 9600, LineCodec.ALaw)]
    [InlineData("managed", "native", 9600, LineCodec.MuLaw)]
    [InlineData("managed", "native", 7200, LineCodec.Linear)]
    [InlineData("managed", "native", 7200, LineCodec.ALaw)]
    [InlineData("managed", "native", 7200, LineCodec.MuLaw)]
    [InlineData("native", "managed", 9600, LineCodec.Linear)]
    [InlineData("native", "managed", 9600, LineCodec.ALaw)]
    [InlineData("native", "managed", 9600, LineCodec.MuLaw)]
    [InlineData("native", "managed", 7200, LineCodec.Linear)]
    [InlineData("native", "managed", 7200, LineCodec.ALaw)]
    [InlineData("native", "managed", 7200, LineCodec.MuLaw)]
    public void InteroperatesThroughCodec(string tx, string rx, int rate, LineCodec codec)
    {
        var result = InteropRun.Run(Engines.Named(tx), Engines.Named(rx), new ModemOptions(ModemType.V29, rate), new TestChannel(codec: LineCodecs.Transform(codec)));

        Assert.Equal([ModemStatus.CarrierUp, ModemStatus.TrainingInProgress, ModemStatus.TrainingSucceeded, ModemStatus.CarrierDown], result.Statuses);
        Assert.Equal(0, result.BitErrors);
    }

    [Theory]
    [InlineData("managed", "native", 9600, 10, 100)]
    [InlineData("managed", "native", 7200, -10, -100)]
    [InlineData("native", "managed", 9600, -10, 100)]
    [InlineData("native", "managed", 7200, 10, -100)]
    public void InteroperatesWithFrequencyAndClockOffset(string tx, string rx, int rate, double hz, double ppm)
    {
        var channel = new TestChannel(gainDb: -4, frequencyOffsetHz: hz, clockPpm: ppm, noiseDbm0: -55, codec: LineCodecs.Transform(LineCodec.ALaw), seed: 5);

        var result = InteropRun.Run(Engines.Named(tx), Engines.Named(rx), new ModemOptions(ModemType.V29, rate), channel);

        Assert.Contains(ModemStatus.TrainingSucceeded, result.Statuses);
        Assert.Equal(0, result.BitErrors);
    }
}
