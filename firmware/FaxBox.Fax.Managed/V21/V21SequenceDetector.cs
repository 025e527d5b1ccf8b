namespace FaxBox.Fax.Managed.V21;

/// <summary>
/// Multiple-symbol non-coherent detection of continuous-phase FSK over the last three bit windows of a
/// <see cref="V21Receiver"/>. Each window holds its complex correlations with the mark and the space tone,
/// C = Σ x[n]·e^{−jωn} on absolute time n, and the phase (ω₁−ω₀)·τ of the bit boundary τ that follows it. A bit b_k
/// sent with carrier phase θ_k gives C_k(b_k) ≈ (A·N/2)·e^{jθ_k}; continuity at τ makes θ_k − θ_{k−1} = (ω_{b_{k−1}} −
/// ω_{b_k})·τ, known once the bits are assumed. So for each of the eight bit triples the three correlations are turned
/// back to the first window's phase and added: the triple whose sum has the largest magnitude is the most likely one
/// with the common carrier phase unknown (ML for equal-energy signals in white noise over the observation), and its
/// middle bit is delivered. The last bit of a burst is decided over two windows. Allocation-free.
/// </summary>
internal sealed class V21SequenceDetector
{
    private const int Length = 3;

    private readonly float[] _markRe = new float[Length];
    private readonly float[] _markIm = new float[Length];
    private readonly float[] _spaceRe = new float[Length];
    private readonly float[] _spaceIm = new float[Length];
    private readonly float[] _boundaryCos = new float[Length];
    private readonly float[] _boundarySin = new float[Length];

    /// <summary>Windows held (0 to 3).</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every window.</summary>
    public void Clear() => Count = 0;

    /// <summary>Adds the newest window (dropping the oldest of three).</summary>
    /// <param name="markRe">Re C₁ (1650 Hz).</param>
    /// <param name="markIm">Im C₁.</param>
    /// <param name="spaceRe">Re C₀ (1850 Hz).</param>
    /// <param name="spaceIm">Im C₀.</param>
    /// <param name="boundaryCos">cos of (ω₁−ω₀)·τ at the boundary after this window.</param>
    /// <param name="boundarySin">sin of the same.</param>
    public void Push(float markRe, float markIm, float spaceRe, float spaceIm, float boundaryCos, float boundarySin)
    {
        if (Count == Length)
        {
            for (var i = 1; i < Length; i++)
            {
                _markRe[i - 1] = _markRe[i];
                _markIm[i - 1] = _markIm[i];
                _spaceRe[i - 1] = _spaceRe[i];
                _spaceIm[i - 1] = _spaceIm[i];
                _boundaryCos[i - 1] = _boundaryCos[i];
                _boundarySin[i - 1] = _boundarySin[i];
            }

            Count--;
        }

        var n = Count++;
        _markRe[n] = markRe;
        _markIm[n] = markIm;
        _spaceRe[n] = spaceRe;
        _spaceIm[n] = spaceIm;
        _boundaryCos[n] = boundaryCos;
        _boundarySin[n] = boundarySin;
    }

    /// <summary>The middle bit of three windows.</summary>
    public int DecideMiddle()
    {
        // z(a,b,c) = C₀(a) + R₀(a,b)·(C₁(b) + R₁(b,c)·C₂(c)), R(x,x) = 1, R(1,0) = e^{−jφ}, R(0,1) = e^{+jφ}.
        float c0, s0 = _boundarySin[0], c1 = _boundaryCos[1], s1 = _boundarySin[1];
        c0 = _boundaryCos[0];

        // u(b,c) = C₁(b) + R₁(b,c)·C₂(c) for the four (b,c).
        var u11Re = _markRe[1] + _markRe[2];
        var u11Im = _markIm[1] + _markIm[2];
        var u00Re = _spaceRe[1] + _spaceRe[2];
        var u00Im = _spaceIm[1] + _spaceIm[2];
        var u10Re = _markRe[1] + ((_spaceRe[2] * c1) + (_spaceIm[2] * s1));
        var u10Im = _markIm[1] + ((_spaceIm[2] * c1) - (_spaceRe[2] * s1));
        var u01Re = _spaceRe[1] + ((_markRe[2] * c1) - (_markIm[2] * s1));
        var u01Im = _spaceIm[1] + ((_markIm[2] * c1) + (_markRe[2] * s1));

        // b = 1: a = 1 (no rotation) or a = 0 (e^{+jφ₀}); b = 0: a = 0 (none) or a = 1 (e^{−jφ₀}).
        var one = Math.Max(
            Math.Max(Magnitude(_markRe[0] + u11Re, _markIm[0] + u11Im), Magnitude(_markRe[0] + u10Re, _markIm[0] + u10Im)),
            Math.Max(
                Magnitude(_spaceRe[0] + (u11Re * c0) - (u11Im * s0), _spaceIm[0] + (u11Im * c0) + (u11Re * s0)),
                Magnitude(_spaceRe[0] + (u10Re * c0) - (u10Im * s0), _spaceIm[0] + (u10Im * c0) + (u10Re * s0))));
        var zero = Math.Max(
            Math.Max(Magnitude(_spaceRe[0] + u00Re, _spaceIm[0] + u00Im), Magnitude(_spaceRe[0] + u01Re, _spaceIm[0] + u01Im)),
            Math.Max(
                Magnitude(_markRe[0] + (u00Re * c0) + (u00Im * s0), _markIm[0] + (u00Im * c0) - (u00Re * s0)),
                Magnitude(_markRe[0] + (u01Re * c0) + (u01Im * s0), _markIm[0] + (u01Im * c0) - (u01Re * s0))));
        return one >= zero ? 1 : 0;
    }

    /// <summary>The middle bit by trying all eight triples one by one (the reference <see cref="DecideMiddle"/> is checked against).</summary>
    public int DecideMiddleByEnumeration()
    {
        var best = float.MinValue;
        var bit = 0;
        for (var triple = 0; triple < 8; triple++)
        {
            int a = triple >> 2, b = (triple >> 1) & 1, c = triple & 1;
            var (re, im) = Correlation(0, a);
            var (rotRe, rotIm) = Rotation(0, a, b);
            Accumulate(ref re, ref im, 1, b, rotRe, rotIm);
            var (stepRe, stepIm) = Rotation(1, b, c);
            (rotRe, rotIm) = ((rotRe * stepRe) - (rotIm * stepIm), (rotRe * stepIm) + (rotIm * stepRe));
            Accumulate(ref re, ref im, 2, c, rotRe, rotIm);
            var metric = (re * re) + (im * im);
            if (metric > best)
            {
                best = metric;
                bit = b;
            }
        }

        return bit;
    }

    private static float Magnitude(float re, float im) => (re * re) + (im * im);

    /// <summary>The newest bit, from its window and the one before (the last bit of a burst).</summary>
    public int DecideLastOfTwo() => DecideOfTwo(Count - 2);

    private int DecideOfTwo(int window)
    {
        var best = float.MinValue;
        var bit = 0;
        for (var pair = 0; pair < 4; pair++)
        {
            int a = pair >> 1, b = pair & 1;
            var (re, im) = Correlation(window, a);
            var (rotRe, rotIm) = Rotation(window, a, b);
            Accumulate(ref re, ref im, window + 1, b, rotRe, rotIm);
            var metric = (re * re) + (im * im);
            if (metric > best)
            {
                best = metric;
                bit = b;
            }
        }

        return bit;
    }

    private (float Re, float Im) Correlation(int window, int bit) =>
        bit != 0 ? (_markRe[window], _markIm[window]) : (_spaceRe[window], _spaceIm[window]);

    /// <summary>e^{−j(θ_{k+1}−θ_k)} for bits <paramref name="from"/> → <paramref name="to"/> across the boundary after the window.</summary>
    private (float Re, float Im) Rotation(int window, int from, int to) =>
        from == to ? (1f, 0f)
        : from != 0 ? (_boundaryCos[window], -_boundarySin[window])
        : (_boundaryCos[window], _boundarySin[window]);

    private void Accumulate(ref float re, ref float im, int window, int bit, float rotRe, float rotIm)
    {
        var (cRe, cIm) = Correlation(window, bit);
        re += (cRe * rotRe) - (cIm * rotIm);
        im += (cRe * rotIm) + (cIm * rotRe);
    }
}
