namespace FaxBox.LineInterface.Signalling;

/// <summary>
/// Goertzel filters over one block of samples, several frequencies in one pass. Each filter's recurrence
/// (s0 = x + c·s1 − s2) is evaluated with exactly the operations, in exactly the order, of a filter run on its own, so the
/// results are bit-identical; running up to four side by side only lets the CPU overlap their dependency chains (one
/// filter alone waits on its previous sample's multiply and adds). Allocation-free.
/// </summary>
internal static class Goertzel
{
    /// <summary>
    /// The squared magnitude (s1² + s2² − c·s1·s2) at the end of <paramref name="block"/> of the filter with each coefficient
    /// c = 2·cos(2π f / fs) of <paramref name="coefficients"/>, into <paramref name="magnitude2"/>.
    /// </summary>
    public static void MagnitudesSquared(ReadOnlySpan<short> block, ReadOnlySpan<double> coefficients, Span<double> magnitude2)
    {
        if (magnitude2.Length < coefficients.Length)
        {
            throw new ArgumentException("one result per coefficient", nameof(magnitude2));
        }

        var k = 0;
        for (; k + 4 <= coefficients.Length; k += 4)
        {
            Four(block, coefficients.Slice(k, 4), magnitude2.Slice(k, 4));
        }

        for (; k + 2 <= coefficients.Length; k += 2)
        {
            Two(block, coefficients[k], coefficients[k + 1], magnitude2.Slice(k, 2));
        }

        if (k < coefficients.Length)
        {
            magnitude2[k] = One(block, coefficients[k]);
        }
    }

    private static double One(ReadOnlySpan<short> block, double c)
    {
        double s1 = 0, s2 = 0;
        foreach (var x in block)
        {
            var s0 = x + (c * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return (s1 * s1) + (s2 * s2) - (c * s1 * s2);
    }

    private static void Two(ReadOnlySpan<short> block, double ca, double cb, Span<double> magnitude2)
    {
        double a1 = 0, a2 = 0, b1 = 0, b2 = 0;
        foreach (var x in block)
        {
            var a0 = x + (ca * a1) - a2;
            var b0 = x + (cb * b1) - b2;
            a2 = a1;
            a1 = a0;
            b2 = b1;
            b1 = b0;
        }

        magnitude2[0] = (a1 * a1) + (a2 * a2) - (ca * a1 * a2);
        magnitude2[1] = (b1 * b1) + (b2 * b2) - (cb * b1 * b2);
    }

    private static void Four(ReadOnlySpan<short> block, ReadOnlySpan<double> c, Span<double> magnitude2)
    {
        double ca = c[0], cb = c[1], cc = c[2], cd = c[3];
        double a1 = 0, a2 = 0, b1 = 0, b2 = 0, c1 = 0, c2 = 0, d1 = 0, d2 = 0;
        foreach (var x in block)
        {
            var a0 = x + (ca * a1) - a2;
            var b0 = x + (cb * b1) - b2;
            var c0 = x + (cc * c1) - c2;
            var d0 = x + (cd * d1) - d2;
            a2 = a1;
            a1 = a0;
            b2 = b1;
            b1 = b0;
            c2 = c1;
            c1 = c0;
            d2 = d1;
            d1 = d0;
        }

        magnitude2[0] = (a1 * a1) + (a2 * a2) - (ca * a1 * a2);
        magnitude2[1] = (b1 * b1) + (b2 * b2) - (cb * b1 * b2);
        magnitude2[2] = (c1 * c1) + (c2 * c2) - (cc * c1 * c2);
        magnitude2[3] = (d1 * d1) + (d2 * d2) - (cd * d1 * d2);
    }
}
