using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Managed.V17;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V17;

public sealed class V17LoopbackTests
{
    [Theory]
    [InlineData(14400, false)]
    [InlineData(12000, false)]
    [InlineData(9600, false)]
    [InlineData(7200, false)]
    [InlineData(14400, true)]
    [InlineData(7200, true)]
    public void CleanChannelIsBitExact(int rate, bool shortTraining)
    {
        var options = new ModemOptions(ModemType.V17, rate, shortTraining);
        var source = new RandomBitSource(30000, seed: rate);
        var sink = new RecordingBitSink();
        using var tx = new V17Transmitter(options, source);
        using var rx = new V17Receiver(options, sink);

        ModemLink.Run(tx, rx, new TestChannel());

        Assert.Equal([ModemStatus.CarrierUp, ModemStatus.TrainingInProgress, ModemStatus.TrainingSucceeded, ModemStatus.CarrierDown], sink.Statuses);
        Assert.Equal(0, BitComparison.CountErrors(source.Bits, sink.Bits));
    }

    [Theory]
    [InlineData(14400, 10, 30, -55)]
    [InlineData(12000, 10, -30, -50)]
    [InlineData(9600, -10, 100, -45)]
    [InlineData(7200, 10, 100, -40)]
    public void ImpairedChannelIsBitExact(int rate, double frequencyOffsetHz, double clockPpm, double noiseDbm0)
    {
        var options = new ModemOptions(ModemType.V17, rate);
        var source = new RandomBitSource(20000, seed: 7);
        var sink = new RecordingBitSink();
        using var tx = new V17Transmitter(options, source);
        using var rx = new V17Receiver(options, sink);

        ModemLink.Run(tx, rx, new TestChannel(gainDb: -6, frequencyOffsetHz: frequencyOffsetHz, clockPpm: clockPpm, noiseDbm0: noiseDbm0, seed: 3));

        Assert.Contains(ModemStatus.TrainingSucceeded, sink.Statuses);
        Assert.Equal(0, BitComparison.CountErrors(source.Bits, sink.Bits));
    }

    /// <summary>±100 ppm at 14400 bit/s over 40000 bits (once a known slip; it was the test channel's cubic interpolator).</summary>
    [Theory]
    [InlineData(100)]
    [InlineData(-100)]
    public void Rate14400HoldsAtHundredPpm(double clockPpm)
    {
        var options = new ModemOptions(ModemType.V17, 14400);
        var source = new RandomBitSource(40000, seed: 7);
        var sink = new RecordingBitSink();
        using var tx = new V17Transmitter(options, source);
        using var rx = new V17Receiver(options, sink);

        ModemLink.Run(tx, rx, new TestChannel(clockPpm: clockPpm, seed: 3));

        Assert.Contains(ModemStatus.TrainingSucceeded, sink.Statuses);
        Assert.Equal(0, BitComparison.CountErrors(source.Bits, sink.Bits));
    }

    [Theory]
    [InlineData(14400)]
    [InlineData(12000)]
    [InlineData(9600)]
    [InlineData(7200)]
    public void EverySubsetHoldsAPowerOfTwoAndCodingIsInvertible(int rate)
    {
        var constellation = V17Constellation.ForRate(rate);

        Assert.Equal(8 << constellation.UncodedBits, constellation.Points.Length);
        for (int q = 0; q < 4; q++)
        {
            for (int previous = 0; previous < 4; previous++)
            {
                int y = V17Constellation.DifferentialEncode(q, previous);
                Assert.Equal(q, V17Constellation.DifferentialDecode(y, previous));
            }
        }
    }

    [Fact]
    public void DifferentialEncodingFollowsTable1()
    {
        // V.17 Table 1 rows (Q1Q2, Y1Y2 previous) -> Y1Y2: spot checks from each input dibit.
        Assert.Equal(0b11, V17Constellation.DifferentialEncode(0b00, 0b11));
        Assert.Equal(0b00, V17Constellation.DifferentialEncode(0b01, 0b01));
        Assert.Equal(0b01, V17Constellation.DifferentialEncode(0b10, 0b10));
        Assert.Equal(0b10, V17Constellation.DifferentialEncode(0b11, 0b01));
    }

    [Fact]
    public void ShortTrainingSegment4StartsWhereTheSegment2ScramblerLeftOff()
    {
        // 38 elements of two scrambled ones each, then carried on: both scramblers must give the same bits from here.
        var carried = V17Training.NewPatternScrambler();
        for (int i = 0; i < 2 * V17Training.Segment2Short; i++)
        {
            carried.Scramble(1);
        }

        var loaded = FaxBox.Fax.Managed.Dsp.Scrambler.V17V29();
        loaded.Load(V17Training.Segment4ScramblerSeed(shortTraining: true));
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(carried.Scramble(1), loaded.Scramble(1));
        }

        Assert.Equal(V17Training.Segment2Short, V17Training.Pattern(shortTraining: true).Length);
        Assert.Equal(V17Training.Segment2Long + V17Training.Segment3, V17Training.Pattern(shortTraining: false).Length);
    }

    [Theory]
    [InlineData(14400, false)]
    [InlineData(12000, true)]
    [InlineData(9600, false)]
    [InlineData(7200, true)]
    public void Segment4ReferenceIsWhatTheTransmitterSends(int rate, bool shortTraining)
    {
        var options = new ModemOptions(ModemType.V17, rate, shortTraining);
        using var tx = new V17Transmitter(options, new RandomBitSource(100, 1));
        var reference = new V17Segment4Reference(V17Constellation.ForRate(rate));
        reference.Reset(shortTraining);
        int before = V17Training.Segment1 + V17Training.Segment2(shortTraining) + V17Training.Bridge(shortTraining);
        for (int i = 0; i < before; i++)
        {
            tx.NextSymbol();
        }

        for (int i = 0; i < V17Training.Segment4; i++)
        {
            Assert.Equal(tx.NextSymbol(), reference.Next());
        }
    }
}
