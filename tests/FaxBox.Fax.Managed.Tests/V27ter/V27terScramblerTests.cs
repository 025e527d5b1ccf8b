using FaxBox.Fax.Managed.Dsp;

namespace FaxBox.Fax.Managed.Tests.V27ter;

public sealed class V27terScramblerTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void GuardBreaksRepetitivePatternsAndDescramblesExactly(int pattern, bool repetitive)
    {
        var random = new Random(9);
        var scrambler = Scrambler.V27ter();
        var descrambler = Scrambler.V27ter();
        var line = new List<int>();
        int inversions = 0;
        for (int n = 0; n < 4000; n++)
        {
            int bit = pattern switch { 2 => n & 1, 3 => random.Next(2), _ => pattern };
            int sent = scrambler.Scramble(bit);
            Assert.Equal(bit, descrambler.Descramble(sent));

            // Without the guard every line bit would be Di ⊕ Ds(n-6) ⊕ Ds(n-7).
            int unguarded = bit ^ (n >= 6 ? line[n - 6] : 0) ^ (n >= 7 ? line[n - 7] : 0);
            inversions += sent ^ unguarded;
            line.Add(sent);
        }

        // Zeros from the zero state would stay zeros on the line: the guard breaks them up; random data meets a guard
        // inversion about once per thousand bits (as libspandsp's transmitter does). Ones and alternations
        // scramble to sequences without 33-bit repetitive stretches, so it stays idle.
        if (repetitive)
        {
            Assert.InRange(inversions, 1, 4000 / Scrambler.GuardLength);
        }
        else
        {
            Assert.Equal(0, inversions);
        }
    }

    /// <summary>
    /// A line with period 8 (10000000…) is repetitive at every bit from the second on, so the guard keeps firing; the
    /// inverted bit restarts the count without being counted, so inversions come every 34 bits (33 counted + the
    /// inverted one), first at bit 34. Counting the inverted bit as well would put them every 33 bits, one early
    /// against libspandsp's V.27ter transmitter.
    /// </summary>
    [Fact]
    public void GuardCountRestartsAfterTheInvertedBit()
    {
        var descrambler = Scrambler.V27ter();
        var line = new int[400];
        var inverted = new List<int>();
        for (int n = 0; n < line.Length; n++)
        {
            line[n] = n % 8 == 0 ? 1 : 0;
            int plain = line[n] ^ (n >= 6 ? line[n - 6] : 0) ^ (n >= 7 ? line[n - 7] : 0);
            if (descrambler.Descramble(line[n]) != plain)
            {
                inverted.Add(n);
            }
        }

        Assert.Equal(Enumerable.Range(1, 11).Select(k => k * (Scrambler.GuardLength + 1)), inverted);
    }

    [Fact]
    public void GuardNeverFiresOnTheV29Scrambler()
    {
        var scrambler = Scrambler.V17V29();
        var line = new List<int>();
        for (int n = 0; n < 4000; n++)
        {
            int sent = scrambler.Scramble(0);
            int unguarded = (n >= 18 ? line[n - 18] : 0) ^ (n >= 23 ? line[n - 23] : 0);
            Assert.Equal(unguarded, sent);
            line.Add(sent);
        }
    }
}
