using FaxBox.Fax.Managed.V29;

namespace FaxBox.Fax.Managed.Tests.V29;

public sealed class V29TrainingTests
{
    [Fact]
    public void ConditioningPatternStartsWithItsInitialStateThenFollowsTheRecurrence()
    {
        int register = V29Training.Segment3Seed;
        var bits = new int[20];
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = V29Training.NextConditioningBit(ref register);
        }

        // s0..s6 = 0101010 (V.29 §3.3), then s(n+7) = s(n+1) xor s(n).
        Assert.Equal([0, 1, 0, 1, 0, 1, 0], bits[..7]);
        for (int n = 0; n + 7 < bits.Length; n++)
        {
            Assert.Equal(bits[n + 1] ^ bits[n], bits[n + 7]);
        }
    }
}
