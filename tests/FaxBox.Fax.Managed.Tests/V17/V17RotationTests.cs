using System.Numerics;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Managed.V17;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V17;

/// <summary>
/// V.17's signal space and 8-state code are invariant under 90° rotations (the differential coding of Q1Q2, Table 1,
/// absorbs the turn): a carrier loop that slips by a quarter turn mid-data costs a short burst, not the rest of the
/// run, in the managed decoder too. This rules out quarter-turn slips as the cause of long losses at low SNR.
/// </summary>
public sealed class V17RotationTests
{
    [Theory]
    [InlineData(14400)]
    [InlineData(12000)]
    [InlineData(9600)]
    [InlineData(7200)]
    public void AQuarterTurnKeepsTheUncodedBitsAndMapsSubsetsOntoSubsets(int rate)
    {
        var constellation = V17Constellation.ForRate(rate);
        var points = constellation.Points;
        var subsetImage = new int[8];
        Array.Fill(subsetImage, -1);
        for (int i = 0; i < points.Length; i++)
        {
            var turned = points[i] * Complex.ImaginaryOne;
            int j = IndexOf(points, turned);
            Assert.True(j >= 0, $"{rate}: element {points[i]} turned by 90° is not an element");
            Assert.Equal(constellation.Uncoded(i), constellation.Uncoded(j));

            // The whole subset turns into one subset.
            int s = constellation.Subset(i);
            Assert.True(subsetImage[s] < 0 || subsetImage[s] == constellation.Subset(j), $"{rate}: subset {s} splits under rotation");
            subsetImage[s] = constellation.Subset(j);
        }
    }

    [Theory]
    [InlineData(14400, 2)]
    [InlineData(12000, 4)]
    [InlineData(9600, 8)]
    [InlineData(7200, 16)]
    public void HalvingTheElementsDoublesTheSquaredMinimumDistance(int rate, double expected) =>
        Assert.Equal(expected, V17Constellation.ForRate(rate).MinimumDistanceSquared);

    [Theory]
    [InlineData(14400, 1)]
    [InlineData(12000, 2)]
    [InlineData(9600, 3)]
    [InlineData(7200, 1)]
    public void TheDecoderLosesOnlyAShortBurstWhenTheSignalTurnsMidData(int rate, int quarterTurns)
    {
        const int bits = 8000;
        const int seed = 5;
        const int turnAt = 1000;
        var constellation = V17Constellation.ForRate(rate);
        using var transmitter = new V17Transmitter(new ModemOptions(ModemType.V17, rate), new PrbsBitSource(bits, seed));
        int training = V17Training.Segment1 + V17Training.Segment2Long + V17Training.Segment3;
        var viterbi = new V17Viterbi();
        var descrambler = Scrambler.V17V29();
        var distance = new float[8];
        var point = new int[8];
        int previousY = V17Training.Segment4PreviousY;
        var received = new List<int>(bits + 512);
        var turn = Complex.Pow(Complex.ImaginaryOne, quarterTurns);
        int symbols = training + V17Training.Segment4 + (bits / constellation.BitsPerSymbol) + V17Viterbi.Depth + (2 * V17Viterbi.Block);
        for (int s = 0; s < symbols; s++)
        {
            var z = transmitter.NextSymbol();
            if (s < training)
            {
                continue;
            }

            if (s >= training + turnAt)
            {
                z *= turn;
            }

            constellation.Slice((float)z.Real, (float)z.Imaginary, distance, point);
            if (viterbi.Add(distance, point, out int y1y2, out int decided))
            {
                int q1q2 = V17Constellation.DifferentialDecode(y1y2, previousY);
                previousY = y1y2;
                received.Add(descrambler.Descramble(q1q2 >> 1));
                received.Add(descrambler.Descramble(q1q2 & 1));
                for (int b = constellation.UncodedBits - 1; b >= 0; b--)
                {
                    received.Add(descrambler.Descramble((constellation.Uncoded(decided) >> b) & 1));
                }
            }
        }

        var register = PrbsBitSource.StartState(seed);
        int first = V17Training.Segment4 * constellation.BitsPerSymbol;
        int errors = 0;
        int lastError = -1;
        for (int i = 0; i < bits; i++)
        {
            if (received[first + i] != PrbsBitSource.Next(ref register))
            {
                errors++;
                lastError = i;
            }
        }

        // The turn enters at data symbol turnAt − 48; every error lies within a few symbols of it (the Viterbi decoder
        // takes a few symbols to follow the turned path, then the differential decoder's one symbol and the
        // descrambler's 23-bit memory).
        int turnBit = (turnAt - V17Training.Segment4) * constellation.BitsPerSymbol;
        Assert.InRange(errors, 1, 40);
        Assert.InRange(lastError, turnBit - 8, turnBit + 23 + (8 * constellation.BitsPerSymbol));
    }

    private static int IndexOf(ReadOnlySpan<Complex> points, Complex z)
    {
        for (int k = 0; k < points.Length; k++)
        {
            if ((points[k] - z).Magnitude < 1e-9)
            {
                return k;
            }
        }

        return -1;
    }
}
