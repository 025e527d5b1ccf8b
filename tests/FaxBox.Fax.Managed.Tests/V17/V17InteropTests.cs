using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V17;

/// <summary>V.17 (long and short trainings) against libspandsp's v17tx/v17rx both ways, through the product's factory.</summary>
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
    /// T.30's use: a long training, then the same receiver restarted for a short training (segment 2 of 38 elements, no
    /// bridge). spandsp's receiver takes a short training only after a long one, so both directions run long then short.
    /// </summary>
    [Theory]
    [InlineData("native", "managed", 14400, LineCodec.Linear)]
    [InlineData("native", "managed", 12000, LineCodec.ALaw)]
    [InlineData("native", "managed", 9600, LineCodec.MuLaw)]
    [InlineData("native", "managed", 7200, LineCodec.ALaw)]
    [InlineData("managed", "native", 14400, LineCodec.MuLaw)]
    [InlineData("managed", "native", 12000, LineCodec.Linear)]
    [InlineData("managed", "native", 9600, LineCodec.ALaw)]
    [InlineData("managed", "native", 7200, LineCodec.MuLaw)]
    [InlineData("managed", "managed", 14400, LineCodec.ALaw)]
    public void ShortTrainingAfterRestartInteroperatesThroughCodec(string tx, string rx, int rate, LineCodec codec)
    {
        var (first, second) = LongThenShortRun.Run(Engines.Named(tx), Engines.Named(rx), rate, new TestChannel(codec: LineCodecs.Transform(codec), seed: 4));

        ModemStatus[] burst = [ModemStatus.CarrierUp, ModemStatus.TrainingInProgress, ModemStatus.TrainingSucceeded, ModemStatus.CarrierDown];
        Assert.Equal(burst, first.Statuses);
        Assert.Equal(0, first.BitErrors);
        Assert.Equal(burst, second.Statuses);
        Assert.Equal(0, second.BitErrors);
    }

    [Theory]
    [InlineData("native", "managed", 14400, 10, -100)]
    [InlineData("native", "managed", 12000, -10, 100)]
    [InlineData("native", "managed", 7200, 10, 100)]
    [InlineData("managed", "native", 14400, -10, 100)]
    [InlineData("managed", "native", 9600, 10, -100)]
    [InlineData("managed", "native", 7200, -10, -100)]
    public void ShortTrainingAfterRestartInteroperatesWithFrequencyAndClockOffset(string tx, string rx, int rate, double hz, double ppm)
    {
        var channel = new TestChannel(gainDb: -4, frequencyOffsetHz: hz, clockPpm: ppm, noiseDbm0: -55, codec: LineCodecs.Transform(LineCodec.ALaw), seed: 5);

        var (first, second) = LongThenShortRun.Run(Engines.Named(tx), Engines.Named(rx), rate, channel);

        Assert.Contains(ModemStatus.TrainingSucceeded, first.Statuses);
        Assert.Equal(0, first.BitErrors);
        Assert.Contains(ModemStatus.TrainingSucceeded, second.Statuses);
        Assert.DoesNotContain(ModemStatus.TrainingFailed, second.Statuses);
        Assert.Equal(0, second.BitErrors);
    }

    [Fact]
    public void SpandspRefusesAShortTrainingReceiverWithoutALongTrainingFirstWhereTheManagedOneTakesIt()
    {
        var options = new ModemOptions(ModemType.V17, 14400, ShortTraining: true);
        var sink = new RecordingBitSink();
        using (var rx = Engines.Managed.CreateReceiver(options, sink))
        {
            var source = new RandomBitSource(3000, 3);
            using var tx = Engines.Native.CreateTransmitter(options, source);
            ModemLink.Run(tx, rx, new TestChannel(seed: 3));
            Assert.Equal(0, BitComparison.CountErrors(source.Bits, sink.Bits));
        }

        Assert.Throws<NotSupportedException>(() => Engines.Native.CreateReceiver(options, new RecordingBitSink()));
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
