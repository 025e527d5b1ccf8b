using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V27ter;

public sealed class V27terNoiseTests
{
    /// <summary>Also armed for a short training, whose 14 reversals are looked for sooner and without waiting for symbol timing.</summary>
    [Theory]
    [InlineData(4800, -40, false)]
    [InlineData(4800, -30, false)]
    [InlineData(2400, -20, false)]
    [InlineData(4800, -40, true)]
    [InlineData(2400, -30, true)]
    [InlineData(4800, -20, true)]
    public void NoiseAloneRaisesNoCarrierAndNoBits(int rate, double noiseDbm0, bool shortTraining)
    {
        var sink = NoiseOnly.Run(Engines.Managed, new ModemOptions(ModemType.V27ter, rate, ShortTraining: shortTraining), noiseDbm0, frames: 500);

        Assert.Empty(sink.Statuses);
        Assert.Empty(sink.Bits);
    }

    [Fact]
    public void CarrierDropsWhenTheSignalEndsUnderLoudNoise()
    {
        var options = new ModemOptions(ModemType.V27ter, 4800);
        var source = new RandomBitSource(4000, seed: 2);
        var sink = new RecordingBitSink();
        using var tx = new FaxBox.Fax.Managed.V27ter.V27terTransmitter(options, source);
        using var rx = new FaxBox.Fax.Managed.V27ter.V27terReceiver(options, sink);

        ModemLink.Run(tx, rx, new TestChannel(noiseDbm0: -40, seed: 4), tailFrames: 100);

        Assert.Equal(ModemStatus.CarrierDown, sink.Statuses[^1]);
        Assert.False(rx.Trained);
        Assert.Equal(0, BitComparison.CountErrors(source.Bits, sink.Bits));
        Assert.InRange(sink.Bits.Count, source.Bits.Count, source.Bits.Count + 600);
    }
}
