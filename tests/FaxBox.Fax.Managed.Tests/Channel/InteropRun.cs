using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>One transmitter → channel → receiver run with random data, returning what the receiver made of it.</summary>
internal static class InteropRun
{
    public sealed record Result(int BitErrors, IReadOnlyList<ModemStatus> Statuses, int ReceivedBits, double QualityDb);

    public static Result Run(IModemFactory txFactory, IModemFactory rxFactory, ModemOptions options, TestChannel channel, int bits = 12000, int seed = 1)
    {
        var source = new RandomBitSource(bits, seed);
        var sink = new RecordingBitSink();
        using var tx = txFactory.CreateTransmitter(options, source);
        using var rx = rxFactory.CreateReceiver(options, sink);
        var quality = double.NaN;
        var probe = new QualityProbe(rx, () => sink.Bits.Count > bits / 2, q => quality = q);
        ModemLink.Run(tx, probe, channel);
        return new Result(BitComparison.CountErrors(source.Bits, sink.Bits), sink.Statuses, sink.Bits.Count, quality);
    }

    /// <summary>Wraps a receiver to sample its quality estimate once, mid-way through the data.</summary>
    private sealed class QualityProbe(IModemReceiver inner, Func<bool> when, Action<double> report) : IModemReceiver
    {
        private bool _done;

        public ModemOptions Options => inner.Options;

        public bool Trained => inner.Trained;

        public double SignalQualityDb => inner.SignalQualityDb;

        public void Receive(ReadOnlySpan<short> frame)
        {
            inner.Receive(frame);
            if (!_done && inner.Trained && when())
            {
                _done = true;
                report(inner.SignalQualityDb);
            }
        }

        public void Dispose()
        {
        }
    }
}
