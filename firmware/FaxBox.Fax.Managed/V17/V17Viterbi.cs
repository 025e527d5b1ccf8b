using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FaxBox.Fax.Managed.V17;

/// <summary>
/// Viterbi decoder for the 8-state trellis of <see cref="V17Constellation"/>: branch metrics are squared distances to
/// the nearest element of each of the 8 subsets (which also settles the uncoded bits, the parallel transitions). The
/// survivors are traced back once every <see cref="Block"/> symbols over <see cref="Depth"/> + <see cref="Block"/>
/// symbols, and the decisions leave one per symbol, <see cref="Depth"/> to <see cref="Depth"/> + 2·<see cref="Block"/>
/// symbols after their symbol entered. No allocation after construction.
/// <para>
/// The add-compare-select step runs on two 4-lane vectors with no data-dependent branch. It rests on the shape of the
/// trellis (checked against <see cref="V17Constellation.NextState"/> when the type loads): the states fall into two
/// groups of four, {0, 3, 5, 6} → {0, 1, 4, 6} and {1, 2, 4, 7} → {2, 3, 5, 7}, each previous state of a group reaching
/// each next state of the group by exactly one input Y1Y2; the previous states of the first group all send Y0 = 1,
/// those of the second Y0 = 0. So with the subset distances in <see cref="V17Constellation"/>'s lane order (Y0 = 0
/// subsets in lanes 0–3, Y0 = 1 in lanes 4–7, each half indexed by Y1 + 2·Y2), the four candidates that one previous
/// state offers the four next states of its group are its metric broadcast plus a fixed shuffle of one half.
/// The path metrics are kept in position order <see cref="StateAtPosition"/> (the next states of the first group, then
/// of the second); the survivor memory holds, per symbol and position, the position of the chosen previous state.
/// </para>
/// </summary>
internal sealed class V17Viterbi
{
    /// <summary>Traceback depth in symbols (several constraint lengths of the 8-state code).</summary>
    public const int Depth = 32;

    /// <summary>Symbols decided per traceback.</summary>
    public const int Block = 8;

    private const int States = 8;
    private const int Ring = 64;

    /// <summary>Path metric a state starts with when the trellis is known not to be in it, and the ceiling of every metric.</summary>
    private const float Unreachable = 1e9f;

    /// <summary>The state whose path metric sits at each position (first group's next states, then the second's).</summary>
    private static readonly byte[] StateAtPosition = [0, 1, 4, 6, 2, 3, 5, 7];

    /// <summary>For the previous position i and the next position j, in [i·8 + j]: the input Y1Y2 of the branch.</summary>
    private static readonly byte[] InputOf = new byte[States * States];

    /// <summary>For the previous position i and the next position j, in [i·8 + j]: the subset lane the branch sends.</summary>
    private static readonly byte[] LaneOf = new byte[States * States];

    private readonly int[] _previous = new int[Ring * States];
    private readonly int[] _points = new int[Ring * States];
    private readonly byte[] _outY = new byte[Block];
    private readonly int[] _outPoint = new int[Block];
    private Vector128<float> _metricLow;
    private Vector128<float> _metricHigh;
    private int _time;
    private long _count;
    private int _pending;
    private int _outNext;

    static V17Viterbi()
    {
        // Group g: previous states (ascending, the order ties are broken in) and next states.
        byte[][] previous = [[0, 3, 5, 6], [1, 2, 4, 7]];
        byte[][] next = [[0, 1, 4, 6], [2, 3, 5, 7]];

        // The shuffles and broadcasts hard-coded in Add, per group and previous state: the distance lane (within the
        // half) for each next state, and the position of the previous state's metric.
        int[][][] shuffle =
        [
            [[1, 3, 0, 2], [3, 1, 2, 0], [2, 0, 3, 1], [0, 2, 1, 3]],
            [[1, 3, 2, 0], [0, 2, 3, 1], [2, 0, 1, 3], [3, 1, 0, 2]],
        ];
        int[][] broadcast = [[0, 5, 6, 3], [1, 4, 2, 7]];
        for (int g = 0; g < 2; g++)
        {
            for (int b = 0; b < 4; b++)
            {
                int p = previous[g][b];
                int i = Array.IndexOf(StateAtPosition, (byte)p);
                Check(i == broadcast[g][b] && V17Constellation.Y0(p) == 1 - g, "previous state position or Y0");
                for (int k = 0; k < 4; k++)
                {
                    int ns = next[g][k];
                    int j = Array.IndexOf(StateAtPosition, (byte)ns);
                    int reaching = 0;
                    for (int u = 0; u < 4; u++)
                    {
                        if (V17Constellation.NextState(p, u) != ns)
                        {
                            continue;
                        }

                        reaching++;
                        int lane = V17Constellation.LaneOf(V17Constellation.SubsetOf(p, u));
                        Check(j == (g * 4) + k && lane == ((1 - g) * 4) + shuffle[g][b][k], "next state position or subset lane");
                        InputOf[(i * States) + j] = (byte)u;
                        LaneOf[(i * States) + j] = (byte)lane;
                    }

                    Check(reaching == 1, "one branch from each previous state of a group to each next state");
                }
            }
        }

        static void Check(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidOperationException($"The V.17 trellis does not have the shape the decoder's vector step assumes: {what}.");
            }
        }
    }

    public V17Viterbi() => Reset();

    /// <summary>Starts a new trellis in state 0 (the transmitter's encoder starts there at segment 4).</summary>
    public void Reset()
    {
        // State 0 sits at position 0.
        _metricLow = Vector128.Create(0f, Unreachable, Unreachable, Unreachable);
        _metricHigh = Vector128.Create(Unreachable);
        _time = 0;
        _count = 0;
        _pending = 0;
        _outNext = 0;
    }

    /// <summary>
    /// Adds one symbol, given in <see cref="V17Constellation"/>'s lane order its squared distance to the nearest element
    /// of each subset and that element's index. Returns true when the decision for an older symbol (in order, one per
    /// call once the decoder is full) is available: its Y1Y2 in <paramref name="y1y2"/> and the index of the decided
    /// element in <paramref name="point"/>.
    /// </summary>
    public bool Add(ReadOnlySpan<float> laneDistance, ReadOnlySpan<int> lanePoint, out int y1y2, out int point)
    {
        if (laneDistance.Length < States || lanePoint.Length < States)
        {
            throw new ArgumentException("The decoder takes a distance and an element for each of the 8 subsets.");
        }

        ref float distance = ref MemoryMarshal.GetReference(laneDistance);
        var even = Vector128.LoadUnsafe(ref distance);
        var odd = Vector128.LoadUnsafe(ref distance, 4);
        var low = _metricLow;
        var high = _metricHigh;

        // First group: previous states 0, 3, 5, 6 (positions 0, 5, 6, 3), Y0 = 1, next states 0, 1, 4, 6.
        var a0 = Broadcast(low, 0) + Vector128.Shuffle(odd, Vector128.Create(1, 3, 0, 2));
        var a1 = Broadcast(high, 1) + Vector128.Shuffle(odd, Vector128.Create(3, 1, 2, 0));
        var a2 = Broadcast(high, 2) + Vector128.Shuffle(odd, Vector128.Create(2, 0, 3, 1));
        var a3 = Broadcast(low, 3) + Vector128.Shuffle(odd, Vector128.Create(0, 2, 1, 3));
        var nextLow = Select(a0, a1, a2, a3, 0, 5, 6, 3, out var fromLow);

        // Second group: previous states 1, 2, 4, 7 (positions 1, 4, 2, 7), Y0 = 0, next states 2, 3, 5, 7.
        var b0 = Broadcast(low, 1) + Vector128.Shuffle(even, Vector128.Create(1, 3, 2, 0));
        var b1 = Broadcast(high, 0) + Vector128.Shuffle(even, Vector128.Create(0, 2, 3, 1));
        var b2 = Broadcast(low, 2) + Vector128.Shuffle(even, Vector128.Create(2, 0, 1, 3));
        var b3 = Broadcast(high, 3) + Vector128.Shuffle(even, Vector128.Create(3, 1, 0, 2));
        var nextHigh = Select(b0, b1, b2, b3, 1, 4, 2, 7, out var fromHigh);

        // Keep the metrics relative to the best one (so they stay small), capped.
        var best = Min(nextLow, nextHigh);
        best = Min(best, Vector128.Shuffle(best, Vector128.Create(2, 3, 0, 1)));
        best = Min(best, Vector128.Shuffle(best, Vector128.Create(1, 0, 3, 2)));
        var cap = Vector128.Create(Unreachable);
        _metricLow = Min(nextLow - best, cap);
        _metricHigh = Min(nextHigh - best, cap);

        int row = _time * States;
        ref int previous = ref MemoryMarshal.GetArrayDataReference(_previous);
        fromLow.StoreUnsafe(ref previous, (nuint)row);
        fromHigh.StoreUnsafe(ref previous, (nuint)(row + 4));
        ref int points = ref MemoryMarshal.GetArrayDataReference(_points);
        ref int source = ref MemoryMarshal.GetReference(lanePoint);
        Vector128.LoadUnsafe(ref source).StoreUnsafe(ref points, (nuint)row);
        Vector128.LoadUnsafe(ref source, 4).StoreUnsafe(ref points, (nuint)(row + 4));

        _time = (_time + 1) & (Ring - 1);
        _count++;
        if (_count >= Depth + Block && (_count - Depth) % Block == 0)
        {
            TraceBack();
        }

        if (_outNext < _pending)
        {
            y1y2 = _outY[_outNext];
            point = _outPoint[_outNext];
            _outNext++;
            return true;
        }

        y1y2 = 0;
        point = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Broadcast(Vector128<float> v, [ConstantExpected(Min = 0, Max = 3)] int lane) =>
        Vector128.Shuffle(v, Vector128.Create(lane));

    /// <summary>The lane-wise smaller of two (no NaN ever reaches here, so no IEEE minimum rules are needed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.ConditionalSelect(Vector128.LessThan(a, b), a, b);

    /// <summary>
    /// Lane-wise the smallest of four candidates, the earliest on a tie (as a scan in previous-state order), with the
    /// position of the previous state it came from (<paramref name="p0"/>…<paramref name="p3"/>) in <paramref name="from"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Select(
        Vector128<float> c0, Vector128<float> c1, Vector128<float> c2, Vector128<float> c3, int p0, int p1, int p2, int p3, out Vector128<int> from)
    {
        var take1 = Vector128.LessThan(c1, c0);
        var m01 = Vector128.ConditionalSelect(take1, c1, c0);
        var f01 = Vector128.ConditionalSelect(take1.AsInt32(), Vector128.Create(p1), Vector128.Create(p0));
        var take3 = Vector128.LessThan(c3, c2);
        var m23 = Vector128.ConditionalSelect(take3, c3, c2);
        var f23 = Vector128.ConditionalSelect(take3.AsInt32(), Vector128.Create(p3), Vector128.Create(p2));
        var take23 = Vector128.LessThan(m23, m01);
        from = Vector128.ConditionalSelect(take23.AsInt32(), f23, f01);
        return Vector128.ConditionalSelect(take23, m23, m01);
    }

    /// <summary>Decides the <see cref="Block"/> symbols that are now <see cref="Depth"/> symbols old or older.</summary>
    private void TraceBack()
    {
        // Start from the best state now (the lowest state number among equal metrics): its metric is zero.
        Span<float> metric = stackalloc float[States];
        _metricLow.CopyTo(metric);
        _metricHigh.CopyTo(metric[4..]);
        int position = 0;
        int bestState = int.MaxValue;
        for (int j = 0; j < States; j++)
        {
            if (metric[j] == 0 && StateAtPosition[j] < bestState)
            {
                bestState = StateAtPosition[j];
                position = j;
            }
        }

        int t = (_time - 1) & (Ring - 1);
        for (int k = 0; k < Depth; k++)
        {
            position = _previous[(t * States) + position];
            t = (t - 1) & (Ring - 1);
        }

        for (int k = Block - 1; k >= 0; k--)
        {
            int from = _previous[(t * States) + position];
            int branch = (from * States) + position;
            _outY[k] = InputOf[branch];
            _outPoint[k] = _points[(t * States) + LaneOf[branch]];
            position = from;
            t = (t - 1) & (Ring - 1);
        }

        _pending = Block;
        _outNext = 0;
    }
}
