using FaxBox.Core;
using FaxBox.Fax.Modems;
using FaxBox.Host.Diagnostics;

namespace FaxBox.Fax.Managed.Tests;

/// <summary>Runs one transmitter into one receiver through a <see cref="ModemChannel"/>, frame by frame, bounded.</summary>
internal static class HdlcModemLink
{
    public static void Run(
        IModemFactory txFactory, IModemFactory rxFactory, ModemOptions options, IModemBitSource source, IModemBitSink sink,
        ModemChannelOptions channel, int maxFrames, int tailFrames = 25)
    {
        var line = new ModemChannel(channel);
        using var tx = txFactory.CreateTransmitter(options, source);
        using var rx = rxFactory.CreateReceiver(options, sink);
        var frame = new short[AudioFrame.Samples];
        var frames = 0;
        while (!tx.Finished && frames++ < maxFrames)
        {
            tx.Transmit(frame);
            line.Pass(frame);
            rx.Receive(frame);
        }

        Assert.True(tx.Finished, $"the transmitter did not finish within {maxFrames} frames");
        for (var i = 0; i < tailFrames; i++)
        {
            Array.Clear(frame);
            line.Pass(frame);
            rx.Receive(frame);
        }
    }
}
