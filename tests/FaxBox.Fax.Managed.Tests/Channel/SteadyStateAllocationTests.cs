using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>The media path allocates nothing per frame once a modem is running.</summary>
public sealed class SteadyStateAllocationTests
{
    [Theory]
    [InlineData(ModemType.V29, 9600)]
    [InlineData(ModemType.V29, 7200)]
    [InlineData(ModemType.V27ter, 4800)]
    [InlineData(ModemType.V27ter, 2400)]
    [InlineData(ModemType.V17, 14400)]
    [InlineData(ModemType.V17, 7200)]
    public void TransmitterAndReceiverAllocateNothingPerFrame(ModemType type, int rate)
    {
        var options = new ModemOptions(type, rate);
        var source = new RandomBitSource(200000, 1);
        var sink = new CountingSink();
        using var tx = Engines.Managed.CreateTransmitter(options, source);
        using var rx = Engines.Managed.CreateReceiver(options, sink);
        var frame = new short[ModemLink.FrameSamples];
        for (int i = 0; i < 100; i++)
        {
            tx.Transmit(frame);
            rx.Receive(frame);
        }

        Assert.True(rx.Trained);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            tx.Transmit(frame);
            rx.Receive(frame);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(sink.Bits > 0);
    }

    private sealed class CountingSink : IModemBitSink
    {
        public long Bits { get; private set; }

        public void PutBit(int bit) => Bits++;

        public void OnStatus(ModemStatus status)
        {
        }
    }
}
