using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Managed.V29;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V29;

public sealed class V29LoopbackTests
{
    [Theory]
    [InlineData(9600)]
    [InlineData(7200)]
    public void CleanChannelIsBitExact(int rate)
    {
        var options = new ModemOptions(ModemType.V29, rate);
        var source = new RandomBitSource(20000, seed: rate);
        var sink = new RecordingBitSink();
        using var tx = new V29Transmitter(options, source);
        using var rx = new V29Receiver(options, sink);

        ModemLink.Run(tx, rx, new TestChannel());

        Assert.Equal([ModemStatus.CarrierUp, ModemStatus.TrainingInProgress, ModemStatus.TrainingSucceeded, ModemStatus.CarrierDown], sink.Statuses);
        Assert.Equal(0, BitComparison.CountErrors(source.Bits, sink.Bits));
    }

    [Theory]
    [InlineData(9600, 10, 100, -50)]
    [InlineData(9600, -10, -100, -50)]
    [InlineData(7200, 10, -100, -45)]
    [InlineData(7200, -10, 100, -45)]
    public void ImpairedChannelIsBitExact(int rate, double frequencyOffsetHz, double clockPpm, double noiseDbm0)
    {
        var options = new ModemOptions(ModemType.V29, rate);
        var source = new RandomBitSource(20000, seed: 7);
        var sink = new RecordingBitSink();
        using var tx = new V29Transmitter(options, source);
        using var rx = new V29Receiver(options, sink);

        ModemLink.Run(tx, rx, new TestChannel(gainDb: -6, frequencyOffsetHz: frequencyOffsetHz, clockPpm: clockPpm, noiseDbm0: noiseDbm0, seed: 3));

        Assert.Contains(ModemStatus.TrainingSucceeded, sink.Statuses);
        Assert.Equal(0, BitComparison.CountErrors(source.Bits, sink.Bits));
    }
}
