using FaxBox.Core;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;

namespace FaxBox.Fax.SpanDsp.Tests.Modems;

public sealed class NativeModemTests
{
    public static TheoryData<ModemType, int> EveryModemAndRate()
    {
        var data = new TheoryData<ModemType, int>();
        foreach (var type in Enum.GetValues<ModemType>())
        {
            foreach (var rate in ModemRates.For(type))
            {
                data.Add(type, rate);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryModemAndRate))]
    public void NativeTransmitterToNativeReceiverIsBitExact(ModemType type, int rate)
    {
        const int DataBits = 6000;
        var factory = new SpanDspModemFactory();
        var options = new ModemOptions(type, rate);
        var source = new PrbsBitSource(DataBits, seed: rate, preambleBits: 200);
        var counter = new BitErrorCounter(DataBits, seed: rate, searchBits: 600);
        using var tx = factory.CreateTransmitter(options, source);
        using var rx = factory.CreateReceiver(options, counter);

        var frame = new short[AudioFrame.Samples];
        var silence = new short[AudioFrame.Samples];
        var maxFrames = (int)((DataBits + 400L) * AudioFrame.SampleRate / rate / AudioFrame.Samples) + 200;
        var frames = 0;
        var qualityWhileTrained = double.NaN;
        while (!tx.Finished && frames++ < maxFrames)
        {
            tx.Transmit(frame);
            rx.Receive(frame);
            if (rx.Trained && counter.Received < DataBits / 2)
            {
                qualityWhileTrained = rx.SignalQualityDb;
            }
        }

        for (var i = 0; i < 10; i++)
        {
            rx.Receive(silence);
        }

        Assert.True(tx.Finished, $"the transmitter did not finish within {maxFrames} frames");
        var result = counter.Evaluate();
        Assert.True(result.Synchronized, "the receiver's bits never matched the pattern");
        Assert.Equal(0, result.Errors);
        Assert.Equal(1, counter.StatusCounts[(int)ModemStatus.CarrierUp]);
        Assert.Equal(1, counter.StatusCounts[(int)ModemStatus.CarrierDown]);
        Assert.False(rx.Trained);
        if (type != ModemType.V21)
        {
            Assert.Equal(1, counter.StatusCounts[(int)ModemStatus.TrainingSucceeded]);
            Assert.Equal(0, counter.StatusCounts[(int)ModemStatus.TrainingFailed]);
            Assert.InRange(qualityWhileTrained, 20, 90); // a clean channel: quality set by the modem's own filters and equaliser
        }
    }

    [Fact]
    public void AnUnsupportedRateIsRefusedNamingTheValidOnes()
    {
        var factory = new SpanDspModemFactory();
        var ex = Assert.Throws<ArgumentException>(() => factory.CreateReceiver(new ModemOptions(ModemType.V29, 4800), new BitErrorCounter(1, 1, 1)));
        Assert.Contains("9600, 7200", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExceptionInTheBitSourceSurfacesFromTransmitNotInsideTheLibrary()
    {
        var factory = new SpanDspModemFactory();
        using var tx = factory.CreateTransmitter(new ModemOptions(ModemType.V21, 300), new ThrowingSource());
        var ex = Assert.Throws<InvalidOperationException>(() => tx.Transmit(new short[AudioFrame.Samples]));
        Assert.Equal("source broke", ex.Message);
    }

    private sealed class ThrowingSource : IModemBitSource
    {
        public int GetBit() => throw new InvalidOperationException("source broke");
    }
}
