namespace FaxBox.Fax.Managed.Dsp;

/// <summary>The root-raised-cosine pulse used for transmit shaping and the matched receive filter of the QAM/PSK modems.</summary>
internal static class RootRaisedCosine
{
    /// <summary>The continuous pulse at <paramref name="t"/> symbol periods from its centre, with roll-off <paramref name="beta"/> (unit value at t = 0 is 1 − β + 4β/π).</summary>
    public static double Pulse(double t, double beta)
    {
        if (Math.Abs(t) < 1e-9)
        {
            return 1 - beta + (4 * beta / Math.PI);
        }

        if (beta > 0 && Math.Abs(Math.Abs(t) - (1 / (4 * beta))) < 1e-9)
        {
            double a = Math.PI / (4 * beta);
            return beta / Math.Sqrt(2) * (((1 + (2 / Math.PI)) * Math.Sin(a)) + ((1 - (2 / Math.PI)) * Math.Cos(a)));
        }

        double num = Math.Sin(Math.PI * t * (1 - beta)) + (4 * beta * t * Math.Cos(Math.PI * t * (1 + beta)));
        double den = Math.PI * t * (1 - ((4 * beta * t) * (4 * beta * t)));
        return num / den;
    }
}
