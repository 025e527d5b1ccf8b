using System.Numerics;

namespace FaxBox.Fax.Managed.V17;

/// <summary>
/// V.17 signal space and coding (ITU-T V.17 §2: 2400 baud, Q1..Qn per symbol, n = 6/5/4/3 at 14400/12000/9600/7200 bit/s;
/// Q1Q2 differentially encoded to Y1Y2, an 8-state systematic convolutional encoder adds Y0, and Y0Y1Y2 with the
/// uncoded Q3..Qn select one of 128/64/32/16 signal elements).
/// <para>
/// The differential encoding is Table 2 of the recommendation exactly (read from a published reproduction of it).
/// The recommendation's figures for the convolutional encoder and its constellation tables could not be found as text,
/// so this class uses its own, documented construction with the same structure and coding gain class:
/// Ungerboeck set partitioning of odd-integer grids (4×4, 6×6 cross, 8×8, 12×12 cross) with natural labelling
/// z = Y0 + 2·Y1 + 4·Y2 and the 8-state code with parity-check polynomials h0 = 11, h1 = 02, h2 = 04 (octal).
/// It is therefore self-consistent (managed ↔ managed) but NOT the V.17 line signal, and does not interoperate with
/// other V.17 implementations.
/// </para>
/// </summary>
internal sealed class V17Constellation
{
    /// <summary>Table 2: Y1nY2n from Q1nQ2n (index bits 3..2) and Y1(n-1)Y2(n-1) (bits 1..0); Y1 and Q1 are the higher bit.</summary>
    private static readonly int[] Differential = [0, 1, 2, 3, 1, 0, 3, 2, 2, 3, 1, 0, 3, 2, 0, 1];

    /// <summary>The inverse of <see cref="Differential"/>: Q1Q2 from Y(n) (bits 3..2) and Y(n-1) (bits 1..0).</summary>
    private static readonly int[] DifferentialInverse = BuildInverse();

    private readonly Complex[] _points;
    private readonly int[] _subsetOf;
    private readonly int[] _uncodedOf;
    private readonly int[,] _pointOf;

    private V17Constellation(int bitRate)
    {
        BitsPerSymbol = bitRate / 2400;
        UncodedBits = BitsPerSymbol - 2;
        int perSubset = 1 << UncodedBits;
        int size = 8 * perSubset;
        (int side, int corner) = size switch
        {
            16 => (4, 0),
            32 => (6, 1),
            64 => (8, 0),
            _ => (12, 2),
        };
        var list = new List<(int X, int Y)>();
        for (int a = 0; a < side; a++)
        {
            for (int b = 0; b < side; b++)
            {
                bool inCorner = (a < corner || a >= side - corner) && (b < corner || b >= side - corner);
                if (!inCorner)
                {
                    list.Add(((2 * a) - side + 1, (2 * b) - side + 1));
                }
            }
        }

        _points = new Complex[size];
        _subsetOf = new int[size];
        _uncodedOf = new int[size];
        _pointOf = new int[8, perSubset];
        var filled = new int[8];
        double power = 0;
        int n = 0;
        foreach ((int x, int y) in list)
        {
            int z = SubsetOfGridPoint(x, y);
            if (filled[z] >= perSubset)
            {
                throw new InvalidOperationException($"V.17 {bitRate} bit/s: subset {z} would hold more than {perSubset} points.");
            }

            _points[n] = new Complex(x, y);
            _subsetOf[n] = z;
            _uncodedOf[n] = filled[z];
            _pointOf[z, filled[z]++] = n;
            power += (x * x) + (y * y);
            n++;
        }

        MeanPower = power / size;

        // Training elements A, B, C, D (A·j^k) at the data constellation's mean power.
        double r = Math.Sqrt(MeanPower / 10);
        Training = [new Complex(-3 * r, -r), new Complex(r, -3 * r), new Complex(3 * r, r), new Complex(-r, 3 * r)];
    }

    /// <summary>Q1..Qn per symbol.</summary>
    public int BitsPerSymbol { get; }

    /// <summary>Q3..Qn: the bits not touched by the trellis code.</summary>
    public int UncodedBits { get; }

    /// <summary>Mean power of the data constellation.</summary>
    public double MeanPower { get; }

    /// <summary>The data signal elements.</summary>
    public ReadOnlySpan<Complex> Points => _points;

    /// <summary>The four training elements A, B, C, D, each the previous one turned by 90°.</summary>
    public Complex[] Training { get; }

    public static V17Constellation ForRate(int bitRate) => new(bitRate);

    /// <summary>Subset z = Y0 + 2·Y1 + 4·Y2 of the point with index <paramref name="point"/>.</summary>
    public int Subset(int point) => _subsetOf[point];

    /// <summary>Value of the uncoded bits Q3..Qn (Q3 the most significant) of the point with index <paramref name="point"/>.</summary>
    public int Uncoded(int point) => _uncodedOf[point];

    /// <summary>The signal element for subset <paramref name="z"/> and uncoded bits <paramref name="uncoded"/>.</summary>
    public Complex Point(int z, int uncoded) => _points[_pointOf[z, uncoded]];

    /// <summary>Table 2: Y1Y2 (Y1 the higher bit) from Q1Q2 and the previous Y1Y2.</summary>
    public static int DifferentialEncode(int q1q2, int previousY1Y2) => Differential[((q1q2 & 3) << 2) | (previousY1Y2 & 3)];

    /// <summary>Inverse of Table 2: Q1Q2 from Y1Y2 and the previous Y1Y2.</summary>
    public static int DifferentialDecode(int y1y2, int previousY1Y2) => DifferentialInverse[((y1y2 & 3) << 2) | (previousY1Y2 & 3)];

    /// <summary>
    /// The 8-state systematic feedback encoder in observer form, state (R1, R2, R3) in bits 0..2: Y0 = R3, and
    /// R1' = Y0, R2' = R1 ⊕ Y2, R3' = R2 ⊕ Y1, so that Y0(n) = Y0(n-3) ⊕ Y2(n-2) ⊕ Y1(n-1).
    /// </summary>
    public static int Y0(int state) => (state >> 2) & 1;

    /// <summary>The encoder's next state after the input Y1 (bit 1 of <paramref name="y1y2"/>) and Y2 (bit 0).</summary>
    public static int NextState(int state, int y1y2)
    {
        int r1 = state & 1;
        int r2 = (state >> 1) & 1;
        int r3 = (state >> 2) & 1;
        int y1 = (y1y2 >> 1) & 1;
        int y2 = y1y2 & 1;
        return r3 | ((r1 ^ y2) << 1) | ((r2 ^ y1) << 2);
    }

    /// <summary>Subset z = Y0 + 2·Y1 + 4·Y2 from the encoder state and Y1Y2.</summary>
    public static int SubsetOf(int state, int y1y2) => Y0(state) | (((y1y2 >> 1) & 1) << 1) | ((y1y2 & 1) << 2);

    /// <summary>Y1Y2 (Y1 the higher bit) of subset <paramref name="z"/>.</summary>
    public static int Y1Y2OfSubset(int z) => (((z >> 1) & 1) << 1) | ((z >> 2) & 1);

    /// <summary>Set partitioning: Y0 splits the grid into a checkerboard, Y1 into spacing-4 grids, Y2 into their checkerboards.</summary>
    private static int SubsetOfGridPoint(int x, int y)
    {
        int i = (x + 1) / 2;
        int j = (y + 1) / 2;
        int y0 = (i + j) & 1;
        int y1 = i & 1;
        int y2 = ((i >> 1) + (j >> 1)) & 1;
        return y0 | (y1 << 1) | (y2 << 2);
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
