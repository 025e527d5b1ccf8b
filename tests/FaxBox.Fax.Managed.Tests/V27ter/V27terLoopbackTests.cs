using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Managed.V27ter;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V27ter;

public sealed class V27terLoopbackTests
{
    [Theory]
    [InlineData(4800, false)]
    [InlineData(4800, true)]
    [InlineData(2400, false)]
    [InlineData(2400, true)]
    public void CleanChannelIsBitExact(int rate, bool shortTraining)
    {
        var options = new ModemOptions(ModemType.V27ter, rate, shortTraining);
        var source = new RandomBitSource(8000, seed: rate);
        var sink = new RecordingBitSink();
        using var tx = new V27terTransmitter(options, source);
        using var rx = new V27terReceiver(options, sink);

        ModemLink.Run(tx, rx, new TestChannel());

        Assert.Equal([ModemStatus.CarrierUp, ModemStatus.TrainingInProgress, ModemStatus.TrainingSucceeded, ModemStatus.CarrierDown], sink.Statuses);
        Assert.Equal(0, BitComparison.CountErrors(source.Bits, sink.Bits));
    }

    [Theory]
    [InlineData(4800, 10, 100, -45)]
    [InlineData(4800, -10, -100, -45)]
    [InlineData(2400, 10, -100, -40)]
    [InlineData(2400, -10, 100, -40)]
    public void ImpairedChannelIsBitExact(int rate, double frequencyOffsetHz, double clockPpm, double noiseDbm0)
    {
        var options = new ModemOptions(ModemType.V27ter, rate);
        var source = new RandomBitSource(8000, seed: 7);
        var sink = new RecordingBitSink();
        using var tx = new V27terTransmitter(options, source);
        using var rx = new V27terReceiver(options, sink);

        ModemLink.Run(tx, rx, new TestChannel(gainDb: -6, frequencyOffsetHz: frequencyOffsetHz, clockPpm: clockPpm, noiseDbm0: noiseDbm0, seed: 3));

        Assert.Contains(ModemStatus.TrainingSucceeded, sink.Statuses);
        Assert.Equal(0, BitComparison.CountErrors(source.Bits, sink.Bits));
    }
}
