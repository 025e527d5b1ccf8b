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
