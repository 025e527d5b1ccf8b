using FaxBox.Fax.Managed.V17;
using Xunit.Abstractions;

namespace FaxBox.Fax.Managed.Tests.V17;

/// <summary>
/// The V.17 receiver's vector slicer and vector Viterbi decoder against plain reference versions written from their
/// definitions: the nearest element of each subset by looking at every element, and an add-compare-select over the
/// state table with a scan of the branches in previous-state order.
/// </summary>
public sealed class V17DecoderTests(ITestOutputHelper output)
{
    private const float Unreachable = 1e9f;

    [Theory]
    [InlineData(14400)]
    [InlineData(12000)]
    [InlineData(9600)]
    [InlineData(7200)]
    public void SliceFindsTheNearestElementOfEverySubset(int rate)
    {
        var constellation = V17Constellation.ForRate(rate);
        var distance = new float[8];
        var point = new int[8];
        var random = new Random(rate);
        int checkedPoints = 0;

        // Every quarter unit over and beyond the grid (±12 units; elements lie within ±9): the cell edges and corners
        // and the bisectors between elements, where the grid's candidates are decided; then a fine sweep off that
        // lattice over the signal space, then random points far outside.
        for (int i = -52; i <= 52; i++)
        {
            for (int j = -52; j <= 52; j++)
            {
                Check(i * 0.25f, j * 0.25f);
            }
        }

        for (float x = -10.02f; x <= 10.02f; x += 0.0731f)
        {
            for (float y = -10.02f; y <= 10.02f; y += 0.0731f)
            {
                Check(x, y);
            }
        }

        for (int i = 0; i < 2000; i++)
        {
            Check((float)((random.NextDouble() * 80) - 40), (float)((random.NextDouble() * 80) - 40));
        }

        Assert.True(checkedPoints > 80000);

        void Check(float x, float y)
        {
            int best = constellation.Slice(x, y, distance, point);
            var nearest = new float[8];
            Array.Fill(nearest, float.MaxValue);
            for (int i = 0; i < constellation.Points.Length; i++)
            {
                int z = constellation.Subset(i);
                nearest[z] = Math.Min(nearest[z], Distance(constellation, i, x, y));
            }

            for (int z = 0; z < 8; z++)
            {
                int lane = V17Constellation.LaneOf(z);
                if (nearest[z] != distance[lane])
                {
                    Assert.Fail($"({x}, {y}) subset {z}: nearest at {nearest[z]}, slicer {distance[lane]}");
                }
                Assert.Equal(z, constellation.Subset(point[lane]));
                Assert.Equal(nearest[z], Distance(constellation, point[lane], x, y));
            }

            Assert.Equal(nearest.Min(), Distance(constellation, best, x, y));
            checkedPoints++;
        }
    }

    [Fact]
    public void LanesHoldTheSubsetsWithY0ZeroFirst()
    {
        int[] expected = [0, 4, 1, 5, 2, 6, 3, 7];
        for (int z = 0; z < 8; z++)
        {
            Assert.Equal(expected[z], V17Constellation.LaneOf(z));
        }
    }

    [Theory]
    [InlineData(14400, 0.3)]
    [InlineData(12000, 0.42)]
    [InlineData(9600, 0.6)]
    [InlineData(7200, 0.85)]
    public void ViterbiDecidesAsTheReferenceDecoderAndBeatsHardDecisions(int rate, double noise)
    {
        var (hardErrors, errors) = DecodeAgainstReference(rate, noise);
        Assert.True(hardErrors > 30, $"the noise should make hard decisions wrong: {hardErrors} errors");
        Assert.True(errors < hardErrors / 10, $"the trellis code should correct most of them: {errors} after decoding, {hardErrors} hard");
    }

    /// <summary>Where the decoder itself goes wrong, it goes wrong exactly as the reference does.</summary>
    [Theory]
    [InlineData(14400, 0.5)]
    [InlineData(7200, 1.4)]
    public void ViterbiDecidesAsTheReferenceDecoderInHeavyNoise(int rate, double noise)
    {
        var (hardErrors, errors) = DecodeAgainstReference(rate, noise);
        Assert.True(errors > 30 && errors < hardErrors, $"{errors} after decoding, {hardErrors} hard");
    }

    [Fact]
    public void ViterbiDecodesANoiselessSequenceFromStateZero()
    {
        var constellation = V17Constellation.ForRate(14400);
        var decoder = new V17Viterbi();
        var distance = new float[8];
        var point = new int[8];
        var sent = new List<int>();
        var decided = new List<int>();
        int state = 0;
        for (int n = 0; n < 500; n++)
        {
            int y1y2 = (n * 7 / 3) & 3;
            int z = V17Constellation.SubsetOf(state, y1y2);
            state = V17Constellation.NextState(state, y1y2);
            int index = (z << constellation.UncodedBits) | (n & 15);
            sent.Add((y1y2 << 8) | index);
            var element = constellation.Points[index];
            constellation.Slice((float)element.Real, (float)element.Imaginary, distance, point);
            if (decoder.Add(distance, point, out int y, out int p))
            {
                decided.Add((y << 8) | p);
            }
        }

        Assert.Equal(sent.Take(decided.Count), decided);
        Assert.Equal(500 - V17Viterbi.Depth - V17Viterbi.Block + 1, decided.Count);
    }

    private (int HardErrors, int Errors) DecodeAgainstReference(int rate, double noise)
    {
        const int Symbols = 6000;
        var constellation = V17Constellation.ForRate(rate);
        var random = new Random(rate + 1);
        var sentY = new int[Symbols];
        var sentPoint = new int[Symbols];
        var decoder = new V17Viterbi();
        var reference = new ReferenceViterbi();
        var distance = new float[8];
        var point = new int[8];
        var decided = new List<(int Y, int Point)>();
        int hardErrors = 0;
        int state = 0;
        for (int n = 0; n < Symbols; n++)
        {
            int y1y2 = random.Next(4);
            int z = V17Constellation.SubsetOf(state, y1y2);
            state = V17Constellation.NextState(state, y1y2);
            int uncoded = random.Next(1 << constellation.UncodedBits);
            sentY[n] = y1y2;
            sentPoint[n] = (z << constellation.UncodedBits) | uncoded;
            var element = constellation.Points[sentPoint[n]];
            float x = (float)(element.Real + (noise * Gaussian(random)));
            float y = (float)(element.Imaginary + (noise * Gaussian(random)));
            int hard = constellation.Slice(x, y, distance, point);
            hardErrors += hard == sentPoint[n] ? 0 : 1;
            bool ready = decoder.Add(distance, point, out int decidedY, out int decidedPoint);
            bool referenceReady = reference.Add(distance, point, out int referenceY, out int referencePoint);
            Assert.Equal(referenceReady, ready);
            if (ready)
            {
                if (referenceY != decidedY || referencePoint != decidedPoint)
                {
                    Assert.Fail($"symbol {decided.Count}: reference {referenceY}/{referencePoint}, decoder {decidedY}/{decidedPoint}");
                }
                decided.Add((decidedY, decidedPoint));
            }
        }

        int errors = 0;
        for (int n = 0; n < decided.Count; n++)
        {
            errors += decided[n].Y == sentY[n] && decided[n].Point == sentPoint[n] ? 0 : 1;
        }

        Assert.Equal(Symbols - V17Viterbi.Depth - V17Viterbi.Block + 1, decided.Count);
        output.WriteLine($"V.17 {rate}, noise {noise}: {hardErrors} symbols wrong by hard decision, {errors} after the decoder, of {decided.Count}");
        return (hardErrors, errors);
    }

    private static float Distance(V17Constellation constellation, int i, float x, float y)
    {
        float dr = x - (float)constellation.Points[i].Real;
        float di = y - (float)constellation.Points[i].Imaginary;
        return (dr * dr) + (di * di);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The decoder written plainly: metrics per state, every branch scanned, the same traceback schedule.</summary>
    private sealed class ReferenceViterbi
    {
        private readonly float[] _metric = [0, Unreachable, Unreachable, Unreachable, Unreachable, Unreachable, Unreachable, Unreachable];
        private readonly List<(int[] From, int[] Input, int[] Point)> _history = [];
        private readonly Queue<(int Y, int Point)> _out = new();

        public bool Add(float[] laneDistance, int[] lanePoint, out int y1y2, out int point)
        {
            var next = new float[8];
            var from = new int[8];
            var input = new int[8];
            var chosenPoint = new int[8];
            Array.Fill(next, float.MaxValue);
            for (int p = 0; p < 8; p++)
            {
                for (int u = 0; u < 4; u++)
                {
                    int ns = V17Constellation.NextState(p, u);
                    int lane = V17Constellation.LaneOf(V17Constellation.SubsetOf(p, u));
                    float candidate = _metric[p] + laneDistance[lane];
                    if (candidate < next[ns])
                    {
                        next[ns] = candidate;
                        from[ns] = p;
                        input[ns] = u;
                        chosenPoint[ns] = lanePoint[lane];
                    }
                }
            }

            float best = next.Min();
            for (int s = 0; s < 8; s++)
            {
                _metric[s] = Math.Min(next[s] - best, Unreachable);
            }

            _history.Add((from, input, chosenPoint));
            int count = _history.Count;
            if (count >= V17Viterbi.Depth + V17Viterbi.Block && (count - V17Viterbi.Depth) % V17Viterbi.Block == 0)
            {
                int state = Array.IndexOf(_metric, _metric.Min());
                int t = count - 1;
                for (int k = 0; k < V17Viterbi.Depth; k++, t--)
                {
                    state = _history[t].From[state];
                }

                var block = new (int, int)[V17Viterbi.Block];
                for (int k = V17Viterbi.Block - 1; k >= 0; k--, t--)
                {
                    block[k] = (_history[t].Input[state], _history[t].Point[state]);
                    state = _history[t].From[state];
                }

                _out.Clear();
                foreach (var decision in block)
                {
                    _out.Enqueue(decision);
                }
            }

            if (_out.TryDequeue(out var d))
            {
                (y1y2, point) = d;
                return true;
            }

            (y1y2, point) = (0, 0);
            return false;
        }
    }
}
