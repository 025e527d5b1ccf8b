using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Tests.Modems;

public sealed class BitErrorCounterTests
{
    private const int Bits = 20000;
    private const int Seed = 3;

    [Fact]
    public void StrayBitsBeforeTheDataAreSkipped()
    {
        var received = new List<int> { 1, 0, 0, 1, 1 };
        received.AddRange(Pattern());

        var result = Count(received);

        Assert.True(result.Synchronized);
        Assert.Equal(5, result.Offset);
        Assert.Equal(0, result.Errors);
        Assert.Equal(0, result.Slips);
    }

    [Fact]
    public void AFlippedBitIsOneErrorAndNoSlip()
    {
        var received = Pattern();
        received[9941] ^= 1;

        var result = Count(received);

        Assert.Equal(1, result.Errors);
        Assert.Equal(0, result.Slips);
    }

    [Fact]
    public void ANoisyStartIsFoundOnALaterStretchAndItsErrorsCounted()
    {
        var random = new Random(4);
        var received = new List<int> { 0, 1, 1 };
        var pattern = Pattern();
        var flipped = 0;
        for (var i = 0; i < pattern.Count; i++)
        {
            var flip = i < 300 && random.Next(5) < 2 ? 1 : 0;
            flipped += flip;
            received.Add(pattern[i] ^ flip);
        }

        var result = Count(received);

        Assert.True(result.Synchronized);
        Assert.Equal(3, result.Offset);
        Assert.Equal(flipped, result.Errors);
    }

    [Fact]
    public void FirstPatternBitsNeverReceivedAreErrors()
    {
        var received = Pattern().Skip(3).ToList();

        var result = Count(received);

        Assert.True(result.Synchronized);
        Assert.Equal(0, result.Offset);
        Assert.Equal(3, result.Errors);
        Assert.Equal(0, result.Slips);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    public void BitsInsertedMidwayAreOneSlipAndCountAsErrors(int inserted)
    {
        var received = Pattern();
        received.InsertRange(7000, Enumerable.Repeat(1, inserted));

        var result = Count(received);

        Assert.Equal(1, result.Slips);
        Assert.Equal(inserted, result.SlippedBits);
        Assert.Equal(inserted, result.Errors);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void BitsDroppedMidwayAreOneSlipAndCountAsErrors(int dropped)
    {
        var received = Pattern();
        received.RemoveRange(12000, dropped);

        var result = Count(received);

        Assert.Equal(1, result.Slips);
        Assert.Equal(dropped, result.Errors);
    }

    [Fact]
    public void TwoSlipsEachReAlign()
    {
        var received = Pattern();
        received.RemoveRange(15000, 2);
        received.Insert(4000, 0);

        var result = Count(received);

        Assert.Equal(2, result.Slips);
        Assert.Equal(3, result.SlippedBits);
        Assert.Equal(3, result.Errors);
    }

    [Fact]
    public void ABurstOfNoiseIsErrorsNotASlip()
    {
        var received = Pattern();
        for (var i = 0; i < 20; i += 2)
        {
            received[5000 + i] ^= 1;
        }

        var result = Count(received);

        Assert.Equal(10, result.Errors);
        Assert.Equal(0, result.Slips);
    }

    [Fact]
    public void RandomErrorsAtTenPercentAreCountedExactlyWithoutFalseSlips()
    {
        var random = new Random(5);
        var received = Pattern();
        var flipped = 0;
        for (var i = 0; i < received.Count; i++)
        {
            if (random.NextDouble() < 0.1)
            {
                received[i] ^= 1;
                flipped++;
            }
        }

        var result = Count(received);

        Assert.Equal(0, result.Slips);
        Assert.Equal(flipped, result.Errors);
    }

    [Fact]
    public void GarbageAfterALostSignalIsAboutHalfWrongAndNoSlip()
    {
        var random = new Random(8);
        var received = Pattern();
        for (var i = Bits / 2; i < Bits; i++)
        {
            received[i] = random.Next(2);
        }

        var result = Count(received);

        Assert.Equal(0, result.Slips);
        Assert.InRange(result.Errors, (Bits / 4) - 300, (Bits / 4) + 300);
    }

    [Fact]
    public void BitsNeverDeliveredAtTheEndAreErrors()
    {
        var received = Pattern().Take(Bits - 700).ToList();

        var result = Count(received);

        Assert.Equal(700, result.Errors);
        Assert.Equal(0, result.Slips);
    }

    [Fact]
    public void APatternNeverReceivedIsNotSynchronized()
    {
        var random = new Random(2);
        var received = Enumerable.Range(0, Bits).Select(_ => random.Next(2)).ToList();

        var result = Count(received);

        Assert.False(result.Synchronized);
        Assert.Equal(Bits, result.Errors);
    }

    private static BitErrorResult Count(List<int> received)
    {
        var counter = new BitErrorCounter(Bits, Seed, searchBits: 600);
        foreach (var bit in received)
        {
            counter.PutBit(bit);
        }

        return counter.Evaluate();
    }

    private static List<int> Pattern()
    {
        var register = PrbsBitSource.StartState(Seed);
        return Enumerable.Range(0, Bits).Select(_ => PrbsBitSource.Next(ref register)).ToList();
    }
}
