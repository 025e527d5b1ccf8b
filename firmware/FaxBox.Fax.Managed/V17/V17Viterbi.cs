namespace FaxBox.Fax.Managed.V17;

/// <summary>
/// Viterbi decoder for the 8-state trellis of <see cref="V17Constellation"/>: branch metrics are squared distances to
/// the nearest element of each of the 8 subsets (which also settles the uncoded bits, the parallel transitions), and a
/// decision leaves the decoder <see cref="Depth"/> symbols after it entered. No allocation after construction.
/// </summary>
internal sealed class V17Viterbi
{
    /// <summary>Traceback depth in symbols (several constraint lengths of the 8-state code).</summary>
    public const int Depth = 32;

    private const int States = 8;
    private const int Ring = Depth + 1;

    private readonly double[] _metric = new double[States];
    private readonly double[] _next = new double[States];
    private readonly byte[] _previous = new byte[Ring * States];
    private readonly byte[] _input = new byte[Ring * States];
    private readonly short[] _uncoded = new short[Ring * States];
    private int _time;
    private long _count;

    public V17Viterbi() => Reset();

    /// <summary>Starts a new trellis in state 0 (the transmitter's encoder starts there at segment 4).</summary>
    public void Reset()
    {
        Array.Fill(_metric, 1e9);
        _metric[0] = 0;
        _time = 0;
        _count = 0;
    }

    /// <summary>
    /// Adds one symbol, given its squared distance to the nearest element of each subset and that element's uncoded
    /// bits. Returns true when a decision for the symbol <see cref="Depth"/> symbols back is available in
    /// <paramref name="y1y2"/> and <paramref name="uncoded"/>.
    /// </summary>
    public bool Add(ReadOnlySpan<double> subsetDistance, ReadOnlySpan<int> subsetUncoded, out int y1y2, out int uncoded)
    {
        int row = _time * States;
        Array.Fill(_next, double.MaxValue);
        for (int s = 0; s < States; s++)
        {
            double metric = _metric[s];
            for (int u = 0; u < 4; u++)
            {
                int z = V17Constellation.SubsetOf(s, u);
                int ns = V17Constellation.NextState(s, u);
                double candidate = metric + subsetDistance[z];
                if (candidate < _next[ns])
                {
                    _next[ns] = candidate;
                    _previous[row + ns] = (byte)s;
                    _input[row + ns] = (byte)u;
                    _uncoded[row + ns] = (short)subsetUncoded[z];
                }
            }
        }

        double best = double.MaxValue;
        int bestState = 0;
        for (int s = 0; s < States; s++)
        {
            if (_next[s] < best)
            {
                best = _next[s];
                bestState = s;
            }
        }

        for (int s = 0; s < States; s++)
        {
            _metric[s] = Math.Min(_next[s] - best, 1e9);
        }

        int now = _time;
        _time = (_time + 1) % Ring;
        _count++;
        y1y2 = 0;
        uncoded = 0;
        if (_count <= Depth)
        {
            return false;
        }

        int state = bestState;
        int t = now;
        for (int k = 0; k < Depth; k++)
        {
            state = _previous[(t * States) + state];
            t = t == 0 ? Ring - 1 : t - 1;
        }

        y1y2 = _input[(t * States) + state];
        uncoded = _uncoded[(t * States) + state];
        return true;
    }
}
