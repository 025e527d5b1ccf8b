using FaxBox.Core;
using FaxBox.Fax.Managed.V21;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V21;

public sealed class V21ModemTests
{
    [Fact]
    public void TransmitterSendsMarkAt1650HzAtTheRequestedLevelAndStopsAtTheLastBit()
    {
        const int Bits = 300;
        using var tx = new V21Transmitter(new ModemOptions(ModemType.V21, 300, LevelDbm0: -10), new Ones(Bits));
        var samples = new List<short>();
        var frame = new short[AudioFrame.Samples];
        for (var i = 0; i < 100 && !tx.Finished; i++)
        {
            var n = tx.Transmit(frame);
            samples.AddRange(frame.AsSpan(0, n).ToArray());
        }

        Assert.True(tx.Finished);
        Assert.InRange(samples.Count, (Bits * 8000 / 300) - 1, (Bits * 8000 / 300) + 1);

        var crossings = 0;
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                crossings++;
            }
        }

        var hz = crossings / (samples.Count / 8000.0);
        Assert.InRange(hz, 1645, 1655);

        var rms = Math.Sqrt(samples.Average(s => (double)s * s));
        var dbm0 = 20 * Math.Log10(rms / (32767.0 / Math.Sqrt(2) * Math.Pow(10, -3.14 / 20)));
        Assert.InRange(dbm0, -10.2, -9.8);
    }

    [Fact]
    public void ReceiverReportsOneCarrierUpAndDownPerBurstAndNothingOnSilence()
    {
        var sink = new Recorder();
        using var rx = new V21Receiver(new ModemOptions(ModemType.V21, 300), sink);
        var frame = new short[AudioFrame.Samples];
        for (var i = 0; i < 50; i++)
        {
            rx.Receive(frame);
        }

        Assert.Empty(sink.Statuses);
        Assert.False(rx.Trained);
        Assert.True(double.IsNaN(rx.SignalQualityDb));

        using var tx = new V21Transmitter(new ModemOptions(ModemType.V21, 300), new Ones(600));
        var trainedSeen = false;
        var quality = double.NaN;
        for (var i = 0; i < 150; i++)
        {
            tx.Transmit(frame);
            rx.Receive(frame);
            if (rx.Trained)
            {
                trainedSeen = true;
                quality = rx.SignalQualityDb;
            }
        }

        Assert.True(trainedSeen);
        Assert.InRange(quality, 20, 60);
        Assert.Equal([ModemStatus.CarrierUp, ModemStatus.CarrierDown], sink.Statuses);
        Assert.InRange(sink.Bits.Count, 585, 610);
        Assert.All(sink.Bits, b => Assert.Equal(1, b));
    }

    [Fact]
    public void OnlyV21OptionsAreAccepted()
    {
        Assert.Throws<ArgumentException>(() => new V21Receiver(new ModemOptions(ModemType.V29, 9600), new Recorder()));
        Assert.Throws<ArgumentException>(() => new V21Transmitter(new ModemOptions(ModemType.V21, 2400), new Ones(1)));
    }

    private sealed class Ones(int count) : IModemBitSource
    {
        private int _left = count;

        public int GetBit() => _left-- > 0 ? 1 : IModemBitSource.EndOfData;
    }

    private sealed class Recorder : IModemBitSink
    {
        public List<int> Bits { get; } = [];

        public List<ModemStatus> Statuses { get; } = [];

        public void PutBit(int bit) => Bits.Add(bit);

        public void OnStatus(ModemStatus status) => Statuses.Add(status);
    }
}
