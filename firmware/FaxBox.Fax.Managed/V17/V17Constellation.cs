using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FaxBox.Fax.Managed.V17;

/// <summary>
/// V.17 signal space and coding (ITU-T V.17 §2: 2400 baud, Q1..Qn per symbol, n = 6/5/4/3 at 14400/12000/9600/7200 bit/s;
/// Q1Q2 differentially encoded to Y1Y2 (Table 1), an 8-state convolutional encoder adds Y0 (Figure 2), and Y0Y1Y2 with
/// the uncoded Q3..Qn select one of 128/64/32/16 signal elements (Figures 3–5)).
/// <para>
/// Sources. The differential encoding is the recommendation's table (read from a published reproduction). The
/// recommendation's figures could not be found as text, so the signal spaces with their bit labels and the trellis
/// encoder's state table were derived empirically from libspandsp 0.0.6's transmitted V.17 signal treated as a black box
/// (demodulated for known input data at every rate; README, "V.17 tables"): the points lie on
/// the lattice {(x, y): x + y odd} at 14400 bit/s and on sub-lattices of it at the lower rates, in the frame where the
/// training element A is (−6, −2); the uncoded bits and Y1Y2 of every point were read off with the scrambler state solved
/// over GF(2); Y0 and the encoder's 8 states follow by minimising the automaton that explains Y0 from the past
/// (Y0, Y1, Y2). The same state table explains all four rates, which is the recommendation's structure (one encoder,
/// four constellations). The labelling is fixed up to the 90° rotation the differential code makes invisible: it is
/// chosen so that the encoder starts segment 4 in state 0 with Y1Y2 = 01 before it.
/// </para>
/// </summary>
internal sealed class V17Constellation
{
    /// <summary>Table 1: Y1nY2n from Q1nQ2n (index bits 3..2) and Y1(n-1)Y2(n-1) (bits 1..0); Y1 and Q1 are the higher bit.</summary>
    private static readonly int[] Differential = [0, 1, 2, 3, 1, 0, 3, 2, 2, 3, 1, 0, 3, 2, 0, 1];

    /// <summary>The inverse of <see cref="Differential"/>: Q1Q2 from Y(n) (bits 3..2) and Y(n-1) (bits 1..0).</summary>
    private static readonly int[] DifferentialInverse = BuildInverse();

    /// <summary>Figure 2 as a state table: Y0 output in each of the 8 states.</summary>
    private static readonly byte[] Y0OfState = [1, 0, 0, 1, 0, 1, 1, 0];

    /// <summary>Figure 2 as a state table: next state from state·4 + Y1Y2 (Y1 the higher bit).</summary>
    private static readonly byte[] Next =
    [
        4, 6, 0, 1,
        7, 5, 2, 3,
        2, 3, 7, 5,
        6, 4, 1, 0,
        3, 2, 5, 7,
        1, 0, 6, 4,
        0, 1, 4, 6,
        5, 7, 3, 2,
    ];

    /// <summary>The 128-point signal space at 14400 bit/s: (x, y) pairs indexed by (Y0 + 2·Y1 + 4·Y2) · 16 + Q3..Q6.</summary>
    private static readonly sbyte[] Points14400 =
    [
        -8, -3, 8, -3, 4, -3, 4, -7, -4, -3, -4, -7, 0, -3, 0, -7,
        -8, 1, 8, 1, 4, 1, 4, 5, -4, 1, -4, 5, 0, 1, 0, 5,
        9, 2, -7, 2, -3, 2, -3, 6, 5, 2, 5, 6, 1, 2, 1, 6,
        9, -2, -7, -2, -3, -2, -3, -6, 5, -2, 5, -6, 1, -2, 1, -6,
        2, -9, 2, 7, 2, 3, 6, 3, 2, -5, 6, -5, 2, -1, 6, -1,
        -2, -9, -2, 7, -2, 3, -6, 3, -2, -5, -6, -5, -2, -1, -6, -1,
        -3, 8, -3, -8, -3, -4, -7, -4, -3, 4, -7, 4, -3, 0, -7, 0,
        1, 8, 1, -8, 1, -4, 5, -4, 1, 4, 5, 4, 1, 0, 5, 0,
        8, 3, -8, 3, -4, 3, -4, 7, 4, 3, 4, 7, 0, 3, 0, 7,
        8, -1, -8, -1, -4, -1, -4, -5, 4, -1, 4, -5, 0, -1, 0, -5,
        -9, -2, 7, -2, 3, -2, 3, -6, -5, -2, -5, -6, -1, -2, -1, -6,
        -9, 2, 7, 2, 3, 2, 3, 6, -5, 2, -5, 6, -1, 2, -1, 6,
        -2, 9, -2, -7, -2, -3, -6, -3, -2, 5, -6, 5, -2, 1, -6, 1,
        2, 9, 2, -7, 2, -3, 6, -3, 2, 5, 6, 5, 2, 1, 6, 1,
        3, -8, 3, 8, 3, 4, 7, 4, 3, -4, 7, -4, 3, 0, 7, 0,
        -1, -8, -1, 8, -1, 4, -5, 4, -1, -4, -5, -4, -1, 0, -5, 0,
    ];

    /// <summary>The 64-point signal space at 12000 bit/s: (x, y) pairs indexed by (Y0 + 2·Y1 + 4·Y2) · 8 + Q3..Q5.</summary>
    private static readonly sbyte[] Points12000 =
    [
        7, 1, 3, 5, 7, -7, -5, 5, 3, -3, -1, 1, -1, -7, -5, -3,
        -5, -1, -1, -5, -5, 7, 7, -5, -1, 3, 3, -1, 3, 7, 7, 3,
        -1, 5, -5, 1, 7, 5, -5, -7, 3, 1, -1, -3, 7, -3, 3, -7,
        1, -7, 5, -3, -7, -7, 5, 5, -3, -3, 1, 1, -7, 1, -3, 5,
        -7, -1, -3, -5, -7, 7, 5, -5, -3, 3, 1, -1, 1, 7, 5, 3,
        5, 1, 1, 5, 5, -7, -7, 5, 1, -3, -3, 1, -3, -7, -7, -3,
        1, -5, 5, -1, -7, -5, 5, 7, -3, -1, 1, 3, -7, 3, -3, 7,
        -1, 7, -5, 3, 7, 7, -5, -5, 3, 3, -1, -1, 7, -1, 3, -5,
    ];

    /// <summary>The 32-point signal space at 9600 bit/s: (x, y) pairs indexed by (Y0 + 2·Y1 + 4·Y2) · 4 + Q3..Q4.</summary>
    private static readonly sbyte[] Points9600 =
    [
        -8, 2, 0, -6, 0, 2, 8, 2, -6, -4, 2, -4, -6, 4, 2, 4,
        -4, 6, -4, -2, 4, 6, 4, -2, 2, 8, -6, 0, 2, 0, 2, -8,
        8, -2, 0, 6, 0, -2, -8, -2, 6, 4, -2, 4, 6, -4, -2, -4,
        4, -6, 4, 2, -4, -6, -4, 2, -2, -8, 6, 0, -2, 0, -2, 8,
    ];

    /// <summary>The 16-point signal space at 7200 bit/s: (x, y) pairs indexed by (Y0 + 2·Y1 + 4·Y2) · 2 + Q3..Q3.</summary>
    private static readonly sbyte[] Points7200 =
    [
        6, -6, -2, 2, -2, 6, 6, -2, 6, 2, -2, -6, -6, -6, 2, 2,
        -6, 6, 2, -2, 2, -6, -6, 2, -6, -2, 2, 6, 6, 6, -2, -2,
    ];

    /// <summary>Cells per signal-space unit of the slicing grid (cells of half a unit hold one or two candidates per subset).</summary>
    private const int CellsPerUnit = 2;

    /// <summary>The grid covers ±12 units (every element lies within ±9).</summary>
    private const int GridHalf = 12 * CellsPerUnit;

    private const int GridSide = 2 * GridHalf;

    /// <summary>Sample positions per cell side used to find each cell's candidates.</summary>
    private const int CellSamples = 8;

    /// <summary>Subsets, one per lane of the slicer's and the decoder's vectors.</summary>
    private const int Lanes = 8;

    /// <summary>Floats per cell in <see cref="_cellPoints"/>: x and y of two candidates per lane.</summary>
    private const int CellFloats = 4 * Lanes;

    /// <summary>Ints per cell in <see cref="_cellIndex"/>: the element index of two candidates per lane.</summary>
    private const int CellInts = 2 * Lanes;

    private static readonly V17Constellation?[] Built = new V17Constellation?[4];

    private readonly Complex[] _points;
    private readonly int[] _subsetOf;
    private readonly int[] _uncodedOf;
    private readonly float[] _x;
    private readonly float[] _y;

    /// <summary>
    /// Per grid cell, <see cref="CellFloats"/> floats: the first candidate's x of each subset lane, its y, then the
    /// second candidate's x and y (the first again where a subset has only one).
    /// </summary>
    private readonly float[] _cellPoints;

    /// <summary>Per grid cell, <see cref="CellInts"/> ints: the element index of the first candidate of each lane, then of the second.</summary>
    private readonly int[] _cellIndex;

    private V17Constellation(int bitRate)
    {
        BitsPerSymbol = bitRate / 2400;
        UncodedBits = BitsPerSymbol - 2;
        sbyte[] table = bitRate switch
        {
            14400 => Points14400,
            12000 => Points12000,
            9600 => Points9600,
            _ => Points7200,
        };
        int size = table.Length / 2;
        _points = new Complex[size];
        _subsetOf = new int[size];
        _uncodedOf = new int[size];
        double power = 0;
        for (int i = 0; i < size; i++)
        {
            _points[i] = new Complex(table[2 * i], table[(2 * i) + 1]);
            _subsetOf[i] = i >> UncodedBits;
            _uncodedOf[i] = i & ((1 << UncodedBits) - 1);
            power += (table[2 * i] * table[2 * i]) + (table[(2 * i) + 1] * table[(2 * i) + 1]);
        }

        MeanPower = power / size;
        double minimum = double.MaxValue;
        for (int i = 0; i < size; i++)
        {
            for (int j = i + 1; j < size; j++)
            {
                double dx = _points[i].Real - _points[j].Real;
                double dy = _points[i].Imaginary - _points[j].Imaginary;
                minimum = Math.Min(minimum, (dx * dx) + (dy * dy));
            }
        }

        MinimumDistanceSquared = minimum;
        _x = new float[size];
        _y = new float[size];
        for (int i = 0; i < size; i++)
        {
            _x[i] = table[2 * i];
            _y[i] = table[(2 * i) + 1];
        }

        (_cellPoints, _cellIndex) = BuildGrid();
    }

    /// <summary>Training element A (Table 3 frame); B, C, D are A turned by −90°, 180° and +90°.</summary>
    public static Complex A { get; } = new(-6, -2);

    /// <summary>The four training elements A·j^k for k = 0..3 (k = 3 is B, the other element of segment 1).</summary>
    public static Complex[] Training { get; } = [A, A * Complex.ImaginaryOne, -A, -A * Complex.ImaginaryOne];

    /// <summary>Q1..Qn per symbol.</summary>
    public int BitsPerSymbol { get; }

    /// <summary>Q3..Qn: the bits not touched by the trellis code.</summary>
    public int UncodedBits { get; }

    /// <summary>Mean power of the data constellation.</summary>
    public double MeanPower { get; }

    /// <summary>Squared distance between the two nearest elements of the signal space (uncoded, before the trellis).</summary>
    public double MinimumDistanceSquared { get; }

    /// <summary>The data signal elements, indexed by subset · 2^UncodedBits + uncoded bits.</summary>
    public ReadOnlySpan<Complex> Points => _points;

    /// <summary>The signal space for a rate (built once per process: its slicing grid takes some milliseconds).</summary>
    public static V17Constellation ForRate(int bitRate)
    {
        int slot = bitRate switch
        {
            14400 => 0,
            12000 => 1,
            9600 => 2,
            7200 => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(bitRate), bitRate, "V.17 runs at 14400, 12000, 9600 or 7200 bit/s."),
        };
        var built = Volatile.Read(ref Built[slot]);
        if (built is null)
        {
            built = new V17Constellation(bitRate);
            Volatile.Write(ref Built[slot], built);
        }

        return built;
    }

    /// <summary>
    /// The lane of subset z = Y0 + 2·Y1 + 4·Y2 in the slicer's and the decoder's 8-lane vectors: Y1 + 2·Y2 + 4·Y0, so
    /// the subsets with Y0 = 0 fill lanes 0–3 and those with Y0 = 1 lanes 4–7 (the split <see cref="V17Viterbi"/> uses).
    /// </summary>
    public static int LaneOf(int subset) => ((subset >> 1) & 3) | ((subset & 1) << 2);

    /// <summary>
    /// Slices (<paramref name="yr"/>, <paramref name="yi"/>): fills, in <see cref="LaneOf"/> order, each subset's squared
    /// distance to its nearest element and that element's index, and returns the index of the nearest element overall
    /// (the lowest lane on a tie). Looks only at the candidates of the grid cell the point falls in (outside the grid,
    /// the nearest border cell): at most two per subset, compared in two 4-lane vectors with no data-dependent branch.
    /// </summary>
    public int Slice(float yr, float yi, Span<float> laneDistance, Span<int> lanePoint)
    {
        if (laneDistance.Length < Lanes || lanePoint.Length < Lanes)
        {
            throw new ArgumentException("The slicer fills a distance and an element for each of the 8 subsets.");
        }

        int cell = (CellIndex(yr) * GridSide) + CellIndex(yi);
        ref float distance = ref MemoryMarshal.GetReference(laneDistance);
        ref int point = ref MemoryMarshal.GetReference(lanePoint);
        ref float c = ref MemoryMarshal.GetReference(_cellPoints.AsSpan(cell * CellFloats, CellFloats));
        ref int index = ref MemoryMarshal.GetReference(_cellIndex.AsSpan(cell * CellInts, CellInts));
        var vr = Vector128.Create(yr);
        var vi = Vector128.Create(yi);
        var low = Nearest(ref c, ref index, 0, vr, vi, out var lowPoint);
        var high = Nearest(ref c, ref index, 4, vr, vi, out var highPoint);
        low.StoreUnsafe(ref distance);
        high.StoreUnsafe(ref distance, 4);
        lowPoint.StoreUnsafe(ref point);
        highPoint.StoreUnsafe(ref point, 4);

        // The smallest distance in every lane, then the first lane that holds it.
        var best = Min(low, high);
        best = Min(best, Vector128.Shuffle(best, Vector128.Create(2, 3, 0, 1)));
        best = Min(best, Vector128.Shuffle(best, Vector128.Create(1, 0, 3, 2)));
        uint mask = Vector128.Equals(low, best).ExtractMostSignificantBits() | (Vector128.Equals(high, best).ExtractMostSignificantBits() << 4);
        return lanePoint[BitOperations.TrailingZeroCount(mask) & (Lanes - 1)];
    }

    /// <summary>Subset z = Y0 + 2·Y1 + 4·Y2 of the point with index <paramref name="point"/>.</summary>
    public int Subset(int point) => _subsetOf[point];

    /// <summary>Value of the uncoded bits Q3..Qn (Q3 the most significant) of the point with index <paramref name="point"/>.</summary>
    public int Uncoded(int point) => _uncodedOf[point];

    /// <summary>The signal element for subset <paramref name="z"/> and uncoded bits <paramref name="uncoded"/>.</summary>
    public Complex Point(int z, int uncoded) => _points[(z << UncodedBits) | uncoded];

    /// <summary>Table 1: Y1Y2 (Y1 the higher bit) from Q1Q2 and the previous Y1Y2.</summary>
    public static int DifferentialEncode(int q1q2, int previousY1Y2) => Differential[((q1q2 & 3) << 2) | (previousY1Y2 & 3)];

    /// <summary>Inverse of Table 1: Q1Q2 from Y1Y2 and the previous Y1Y2.</summary>
    public static int DifferentialDecode(int y1y2, int previousY1Y2) => DifferentialInverse[((y1y2 & 3) << 2) | (previousY1Y2 & 3)];

    /// <summary>The encoder's output Y0 in <paramref name="state"/>.</summary>
    public static int Y0(int state) => Y0OfState[state];

    /// <summary>The encoder's next state after the input Y1 (bit 1 of <paramref name="y1y2"/>) and Y2 (bit 0).</summary>
    public static int NextState(int state, int y1y2) => Next[(state << 2) | (y1y2 & 3)];

    /// <summary>Subset z = Y0 + 2·Y1 + 4·Y2 from the encoder state and Y1Y2.</summary>
    public static int SubsetOf(int state, int y1y2) => Y0OfState[state] | (((y1y2 >> 1) & 1) << 1) | ((y1y2 & 1) << 2);

    /// <summary>The lane-wise smaller of two (no NaN reaches here from a finite signal; a NaN lane loses).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.ConditionalSelect(Vector128.LessThan(a, b), a, b);

    /// <summary>For the four lanes from <paramref name="lane"/>: the nearer of the cell's two candidates (the first on a tie) and its index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Nearest(ref float cell, ref int index, [ConstantExpected(Min = 0, Max = 4)] int lane, Vector128<float> yr, Vector128<float> yi, out Vector128<int> point)
    {
        var dx0 = yr - Vector128.LoadUnsafe(ref cell, (nuint)lane);
        var dy0 = yi - Vector128.LoadUnsafe(ref cell, (nuint)(Lanes + lane));
        var dx1 = yr - Vector128.LoadUnsafe(ref cell, (nuint)((2 * Lanes) + lane));
        var dy1 = yi - Vector128.LoadUnsafe(ref cell, (nuint)((3 * Lanes) + lane));
        var d0 = (dx0 * dx0) + (dy0 * dy0);
        var d1 = (dx1 * dx1) + (dy1 * dy1);
        var second = Vector128.LessThan(d1, d0);
        point = Vector128.ConditionalSelect(
            second.AsInt32(),
            Vector128.LoadUnsafe(ref index, (nuint)(Lanes + lane)),
            Vector128.LoadUnsafe(ref index, (nuint)lane));
        return Vector128.ConditionalSelect(second, d1, d0);
    }

    private static int CellIndex(double v)
    {
        int c = (int)Math.Floor(v * CellsPerUnit) + GridHalf;
        return c < 0 ? 0 : c >= GridSide ? GridSide - 1 : c;
    }

    /// <summary>
    /// For every cell of the grid and every subset, the elements nearest to some position in the cell, found by sampling
    /// the cell (border cells also sample far outside the grid, where they answer for every position beyond it), laid
    /// out for the vector slicer. The samples sit a hair inside the cell's edges: many bisectors between elements run
    /// along cell edges, and an element whose region only touches a cell along its edge is no candidate there (on the
    /// edge itself it is exactly as near as a candidate). Every cell then has at most two candidates per subset at
    /// every rate; the constructor fails if a table ever breaks that.
    /// </summary>
    private (float[] Points, int[] Index) BuildGrid()
    {
        const double Inset = 1e-6;
        var points = new float[GridSide * GridSide * CellFloats];
        var index = new int[GridSide * GridSide * CellInts];
        var set = new SortedSet<int>[8];
        var nearest = new int[8];
        for (int z = 0; z < 8; z++)
        {
            set[z] = [];
        }

        for (int cx = 0; cx < GridSide; cx++)
        {
            for (int cy = 0; cy < GridSide; cy++)
            {
                foreach (var subset in set)
                {
                    subset.Clear();
                }

                (double x0, double x1) = CellRange(cx);
                (double y0, double y1) = CellRange(cy);
                for (int a = 0; a <= CellSamples; a++)
                {
                    for (int b = 0; b <= CellSamples; b++)
                    {
                        double px = x0 + Inset + ((x1 - x0 - (2 * Inset)) * a / CellSamples);
                        double py = y0 + Inset + ((y1 - y0 - (2 * Inset)) * b / CellSamples);
                        NearestPerSubset(px, py, nearest);
                        for (int z = 0; z < 8; z++)
                        {
                            set[z].Add(nearest[z]);
                        }
                    }
                }

                int cell = (cx * GridSide) + cy;
                for (int z = 0; z < 8; z++)
                {
                    if (set[z].Count > 2)
                    {
                        throw new InvalidOperationException(
                            $"V.17 {BitsPerSymbol * 2400} bit/s: grid cell ({cx}, {cy}) has {set[z].Count} candidates in subset {z}; the vector slicer holds two.");
                    }

                    int first = set[z].Min;
                    int second = set[z].Max;
                    int lane = LaneOf(z);
                    points[(cell * CellFloats) + lane] = _x[first];
                    points[(cell * CellFloats) + Lanes + lane] = _y[first];
                    points[(cell * CellFloats) + (2 * Lanes) + lane] = _x[second];
                    points[(cell * CellFloats) + (3 * Lanes) + lane] = _y[second];
                    index[(cell * CellInts) + lane] = first;
                    index[(cell * CellInts) + Lanes + lane] = second;
                }
            }
        }

        return (points, index);
    }

    /// <summary>The range of signal-space positions cell <paramref name="c"/> answers for along one axis.</summary>
    private static (double Low, double High) CellRange(int c)
    {
        double low = (double)(c - GridHalf) / CellsPerUnit;
        double high = (double)(c - GridHalf + 1) / CellsPerUnit;
        return c == 0 ? (-48, high) : c == GridSide - 1 ? (low, 48) : (low, high);
    }

    /// <summary>The nearest element of each subset to (<paramref name="x"/>, <paramref name="y"/>).</summary>
    private void NearestPerSubset(double x, double y, int[] nearest)
    {
        Span<double> bestDistance = stackalloc double[8];
        bestDistance.Fill(double.MaxValue);
        for (int i = 0; i < _points.Length; i++)
        {
            double dx = x - _x[i];
            double dy = y - _y[i];
            double distance = (dx * dx) + (dy * dy);
            int z = _subsetOf[i];
            if (distance < bestDistance[z])
            {
                bestDistance[z] = distance;
                nearest[z] = i;
            }
        }
    }

    private static int[] BuildInverse()
    {
        var inverse = new int[16];
        for (int q = 0; q < 4; q++)
        {
            for (int previous = 0; previous < 4; previous++)
            {
                inverse[(Differential[(q << 2) | previous] << 2) | previous] = q;
            }
        }

        return inverse;
    }
}
