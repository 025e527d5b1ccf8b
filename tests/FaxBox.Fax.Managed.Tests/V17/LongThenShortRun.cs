using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V17;

/// <summary>
/// What T.30 does with V.17: a long training (the TCF), then the same receiver restarted for a short training (a page),
/// each burst from a fresh transmitter of the given engine (spandsp's: <c>v17_tx_restart(short_train = 1)</c>) through
/// one channel.
/// </summary>
internal static class LongThenShortRun
{
    public sealed record Burst(int BitErrors, IReadOnlyList<ModemStatus> Statuses, int ReceivedBits);

    public static (Burst Long, Burst Short) Run(IModemFactory txFactory, IModemFactory rxFactory, int rate, TestChannel channel, int bits = 3000)
    {
        var sink = new RecordingBitSink();
        using var rx = rxFactory.CreateReceiver(new ModemOptions(ModemType.V17, rate), sink);
        var first = Send(txFactory, rx, sink, new ModemOptions(ModemType.V17, rate), channel, bits, seed: 1);
        rx.Restart(shortTraining: true);
        var second = Send(txFactory, rx, sink, new ModemOptions(ModemType.V17, rate, ShortTraining: true), channel, bits, seed: 2);
        return (first, second);
    }

    private static Burst Send(IModemFactory txFactory, IModemReceiver rx, RecordingBitSink sink, ModemOptions options, TestChannel channel, int bits, int seed)
    {
        int start = sink.Bits.Count;
        int statuses = sink.Statuses.Count;
        var source = new RandomBitSource(bits, seed);
        using (var tx = txFactory.CreateTransmitter(options, source))
        {
            ModemLink.Run(tx, rx, channel);
        }

        var received = sink.Bits.GetRange(start, sink.Bits.Count - start);
        return new Burst(BitComparison.CountErrors(source.Bits, received), sink.Statuses.Skip(statuses).ToList(), received.Count);
    }
}
