using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V17;

/// <summary>V.17 (long training) against libspandsp's v17tx/v17rx both ways, through the product's factory.</summary>
public sealed class V17InteropTests
{
    [Theory]
    [InlineData("managed", "native", 14400, LineCodec.Linear)]
    [InlineData("managed", "native", 12000, LineCodec.ALaw)]
    [InlineData("managed", "native", 9600, LineCodec.MuLaw)]
    [InlineData("managed", "native", 7200, LineCodec.Linear)]
    [InlineData("managed", "native", 14400, LineCodec.MuLaw)]
    [InlineData("native", "managed", 14400, LineCodec.Linear)]
    [InlineData("native", "managed", 12000, LineCodec.MuLaw)]
    [InlineData("native", "managed", 9600, LineCodec.ALaw)]
    [InlineData("native", "managed", 7200, LineCodec.Linear)]
    [InlineData("native", "managed", 14400, LineCodec.ALaw)]
    public void InteroperatesThroughCodec(string tx, string rx, int rate, LineCodec codec)
    {
        var result = InteropRun.Run(Engines.Named(tx), Engines.Named(rx), new ModemOptions(ModemType.V17, rate), new TestChannel(codec: LineCodecs.Transform(codec)));

        Assert.Equal([ModemStatus.CarrierUp, ModemStatus.TrainingInProgress, ModemStatus.TrainingSucceeded, ModemStatus.CarrierDown], result.Statuses);
        Assert.Equal(0, result.BitErrors);
    }

    [Theory]
    [InlineData("managed", "native", 14400, 10, 100)]
    [InlineData("managed", "native", 14400, -10, -100)]
    [InlineData("managed", "native", 12000, -10, 100)]
    [InlineData("managed", "native", 9600, 10, -100)]
    [InlineData("managed", "native", 7200, -10, -100)]
    [InlineData("native", "managed", 14400, -10, 100)]
    [InlineData("native", "managed", 14400, 10, -100)]
    [InlineData("native", "managed", 12000, 10, 100)]
    [InlineData("native", "managed", 9600, 10, -100)]
    [InlineData("native", "managed", 7200, -10, 100)]
    public void InteroperatesWithFrequencyAndClockOffset(string tx, string rx, int rate, double hz, double ppm)
    {
        var channel = new TestChannel(gainDb: -4, frequencyOffsetHz: hz, clockPpm: ppm, noiseDbm0: -55, codec: LineCodecs.Transform(LineCodec.ALaw), seed: 5);

        var result = InteropRun.Run(Engines.Named(tx), Engines.Named(rx), new ModemOptions(ModemType.V17, rate), channel);

        Assert.Contains(ModemStatus.TrainingSucceeded, result.Statuses);
        Assert.Equal(0, result.BitErrors);
    }

    /// <summary>
    /// Known limitation: spandsp's short training (segment 2 of 38 elements) is not followed by the bridge this
    /// transmitter sends (the elements after its segment 2 are not the long training's bridge and were not derived), so
    /// the managed receiver does not train on it. Managed ↔ managed short training works (see V17LoopbackTests); spandsp's
    /// receiver refuses a short training without an earlier long one, so the other direction cannot be run here.
    /// Fails once the short training is derived, so that it becomes an interoperability test.
    /// </summary>
    [Fact]
    public void KnownLimitationSpandspShortTrainingIsNotReceived()
    {
        var result = InteropRun.Run(Engines.Native, Engines.Managed, new ModemOptions(ModemType.V17, 14400, ShortTraining: true), new TestChannel());

        Assert.DoesNotContain(ModemStatus.TrainingSucceeded, result.Statuses);
    }

    [Fact]
    public void The_managed_factory_offers_V17()
    {
        var factory = new FaxBox.Fax.Managed.Modems.ManagedModemFactory();
        var options = new ModemOptions(ModemType.V17, 14400);

        using var tx = factory.CreateTransmitter(options, new PrbsBitSource(1000, 1));
        using var rx = factory.CreateReceiver(options, new BitErrorCounter(1000, 1, 100));

        Assert.Equal(options, tx.Options);
        Assert.False(rx.Trained);
    }
}
