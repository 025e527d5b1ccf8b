namespace FaxBox.Fax.Managed.V17;

/// <summary>
/// Viterbi decoder for the 8-state trellis of <see cref="V17Constellation"/>: branch metrics are squared distances to
/// the nearest element of each of the 8 subsets (which also settles the uncoded bits, the parallel transitions). The
/// survivors are traced back once every <see cref="Block"/> symbols over <see cref="Depth"/> + <see cref="Block"/>
/// symbols, and the decisions leave one per symbol, <see cref="Depth"/> to <see cref="Depth"/> + 2·<see cref="Block"/>
/// symbols after their symbol entered. No allocation after construction.
/// </summary>
internal sealed class V17Viterbi
{
    /// <summary>Traceback depth in symbols (several constraint lengths of the 8-state code).</summary>
    public const int Depth = 32;

    /// <summary>Symbols decided per traceback.</summary>
    public const int Block = 8;

    private const int States = 8;
    private const int Ring = 64;

    /// <summary>For next state ns and branch b (0..3): the previous state, in [ns·4 + b].</summary>
    private static readonly byte[] FromState = new byte[States * 4];

    /// <summary>For next state ns and branch b: the input Y1Y2.</summary>
    private static readonly byte[] FromInput = new byte[States * 4];

    /// <summary>For next state ns and branch b: the subset the branch sends.</summary>
    private static readonly byte[] FromSubset = new byte[States * 4];

    private readonly double[] _metric = new double[States];
    private readonly double[] _next = new double[States];
    private readonly byte[] _branch = new byte[Ring * States];
    private readonly short[] _uncoded = new short[Ring * States];
    private readonly byte[] _bestState = new byte[Ring];
    private readonly byte[] _outY = new byte[Block];
    private readonly short[] _outUncoded = new short[Block];
    private int _time;
    private long _count;
    private int _pending;
    private int _outNext;

    static V17Viterbi()
    {
        var filled = new int[States];
        for (int s = 0; s < States; s++)
        {
            for (int u = 0; u < 4; u++)
            {
                int ns = V17Constellation.NextState(s, u);
                int b = (ns * 4) + filled[ns]++;
                FromState[b] = (byte)s;
                FromInput[b] = (byte)u;
                FromSubset[b] = (byte)V17Constellation.SubsetOf(s, u);
            }
        }

        if (filled.Any(f => f != 4))
        {
            throw new InvalidOperationException("The V.17 trellis must enter every state from exactly four branches.");
        }
    }

    public V17Viterbi() => Reset();

    /// <summary>Starts a new trellis in state 0 (the transmitter's encoder starts there at segment 4).</summary>
    public void Reset()
    {
        Array.Fill(_metric, 1e9);
        _metric[0] = 0;
        _time = 0;
        _count = 0;
        _pending = 0;
        _outNext = 0;
    }

    /// <summary>
    /// Adds one symbol, given its squared distance to the nearest element of each subset and that element's uncoded
    /// bits. Returns true when the decision for an older symbol (in order, one per call once the decoder is full) is
    /// available in <paramref name="y1y2"/> and <paramref name="uncoded"/>.
    /// </summary>
    public bool Add(ReadOnlySpan<double> subsetDistance, ReadOnlySpan<int> subsetUncoded, out int y1y2, out int uncoded)
    {
        int row = _time * States;
        double best = double.MaxValue;
        int bestState = 0;
        for (int ns = 0; ns < States; ns++)
        {
            int b0 = ns * 4;
            double m = _metric[FromState[b0]] + subsetDistance[FromSubset[b0]];
            int chosen = 0;
            for (int b = 1; b < 4; b++)
            {
                double candidate = _metric[FromState[b0 + b]] + subsetDistance[FromSubset[b0 + b]];
                if (candidate < m)
                {
                    m = candidate;
                    chosen = b;
                }
            }

            _next[ns] = m;
            _branch[row + ns] = (byte)chosen;
            _uncoded[row + ns] = (short)subsetUncoded[FromSubset[b0 + chosen]];
            if (m < best)
            {
                best = m;
                bestState = ns;
            }
        }

        for (int s = 0; s < States; s++)
        {
            _metric[s] = Math.Min(_next[s] - best, 1e9);
        }

        _bestState[_time] = (byte)bestState;
        _time = (_time + 1) & (Ring - 1);
        _count++;
        if (_count >= Depth + Block && (_count - Depth) % Block == 0)
        {
            TraceBack();
        }

        if (_outNext < _pending)
        {
            y1y2 = _outY[_outNext];
            uncoded = _outUncoded[_outNext];
            _outNext++;
            return true;
        }

        y1y2 = 0;
        uncoded = 0;
        return false;
    }

    /// <summary>Decides the <see cref="Block"/> symbols that are now <see cref="Depth"/> symbols old or older.</summary>
    private void TraceBack()
    {
        int t = (_time - 1) & (Ring - 1);
        int state = _bestState[t];
        for (int k = 0; k < Depth; k++)
        {
            state = FromState[(state * 4) + _branch[(t * States) + state]];
            t = (t - 1) & (Ring - 1);
        }

        for (int k = Block - 1; k >= 0; k--)
        {
            int b = (state * 4) + _branch[(t * States) + state];
            _outY[k] = FromInput[b];
            _outUncoded[k] = _uncoded[(t * States) + state];
            state = FromState[b];
            t = (t - 1) & (Ring - 1);
        }

        _pending = Block;
        _outNext = 0;
    }
}
