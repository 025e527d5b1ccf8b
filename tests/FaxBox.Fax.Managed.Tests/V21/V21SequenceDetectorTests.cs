using FaxBox.Fax.Managed.V21;

namespace FaxBox.Fax.Managed.Tests.V21;

public sealed class V21SequenceDetectorTests
{
    [Fact]
    public void TheFactoredDecisionMatchesTheEnumerationOfAllEightTriples()
    {
        var random = new Random(21);
        var detector = new V21SequenceDetector();
        var ones = 0;
        for (var trial = 0; trial < 20000; trial++)
        {
            detector.Clear();
            for (var w = 0; w < 3; w++)
            {
                var phi = random.NextDouble() * 2 * Math.PI;
                detector.Push(
                    Next(random), Next(random), Next(random), Next(random), (float)Math.Cos(phi), (float)Math.Sin(phi));
            }

            var bit = detector.DecideMiddle();
            Assert.Equal(detector.DecideMiddleByEnumeration(), bit);
            ones += bit;
        }

        Assert.InRange(ones, 9000, 11000);
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 1)]
    [InlineData(1, 1, 0)]
    [InlineData(0, 0, 1)]
    public void ACleanContinuousPhaseTripleIsDecidedRightEvenWhereItsMiddleWindowAloneIsAmbiguous(int a, int b, int c)
    {
        // Three ideal windows of a continuous-phase signal at the correlators' outputs: the sent tone's correlation with
        // the carrier phase θ, the other tone's leakage (ρ ≈ 0.41, as for 200 Hz spacing over one 300 bit/s bit), and
        // the phase stepping by ∓φ at each boundary where the bit changes. The middle window is made ambiguous (equal
        // energies), so only the sequence can decide it.
        var detector = new V21SequenceDetector();
        var theta = 0.7;
        var bits = new[] { a, b, c };
        var phis = new[] { 1.9, -2.4, 0.0 };
        for (var w = 0; w < 3; w++)
        {
            if (w > 0 && bits[w - 1] != bits[w])
            {
                theta += bits[w - 1] == 1 ? phis[w - 1] : -phis[w - 1];
            }

            var own = (Re: (float)Math.Cos(theta), Im: (float)Math.Sin(theta));
            var leak = w == 1 ? own : (Re: 0.41f * (float)Math.Cos(theta + 1), Im: 0.41f * (float)Math.Sin(theta + 1));
            var (mark, space) = bits[w] == 1 ? (own, leak) : (leak, own);
            detector.Push(mark.Re, mark.Im, space.Re, space.Im, (float)Math.Cos(phis[w]), (float)Math.Sin(phis[w]));
        }

        Assert.Equal(b, detector.DecideMiddle());
    }

    private static float Next(Random random) => (float)((random.NextDouble() * 2) - 1);
}
