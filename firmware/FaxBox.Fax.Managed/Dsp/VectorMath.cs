using System.Numerics;
using System.Runtime.InteropServices;

namespace FaxBox.Fax.Managed.Dsp;

/// <summary>SIMD helpers for the filters (System.Numerics.Vector, portable to any .NET target).</summary>
internal static class VectorMath
{
    /// <summary>Fused multiply-add is an instruction here (x86 FMA3, Arm64 AdvSimd), not a software fallback.</summary>
    private static readonly bool HardwareFma = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;

    /// <summary>Σ a[i]·b[i] over the common length.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = Math.Min(a.Length, b.Length);
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            ReadOnlySpan<Vector<float>> va = MemoryMarshal.Cast<float, Vector<float>>(a[..n]);
            ReadOnlySpan<Vector<float>> vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            for (int k = 0; k < va.Length; k++)
            {
                acc += va[k] * vb[k];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Σ a[i]·g[i] and Σ b[i]·g[i] in one pass over g's length (a real filter on a complex signal).</summary>
    public static void Dot2(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> g, out float sumA, out float sumB)
    {
        int n = g.Length;
        int i = 0;
        sumA = 0;
        sumB = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var accA = Vector<float>.Zero;
            var accB = Vector<float>.Zero;
            ReadOnlySpan<Vector<float>> vg = MemoryMarshal.Cast<float, Vector<float>>(g);
            ReadOnlySpan<Vector<float>> va = MemoryMarshal.Cast<float, Vector<float>>(a[..n]);
            ReadOnlySpan<Vector<float>> vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            for (int k = 0; k < vg.Length; k++)
            {
                if (HardwareFma)
                {
                    accA = Vector.FusedMultiplyAdd(va[k], vg[k], accA);
                    accB = Vector.FusedMultiplyAdd(vb[k], vg[k], accB);
                }
                else
                {
                    accA += va[k] * vg[k];
                    accB += vb[k] * vg[k];
                }
            }

            sumA = Vector.Sum(accA);
            sumB = Vector.Sum(accB);
            i = vg.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            sumA += a[i] * g[i];
            sumB += b[i] * g[i];
        }
    }

    /// <summary>d[i] += s[i]·scale over d's length (s at least as long).</summary>
    public static void AddScaled(Span<float> d, ReadOnlySpan<float> s, float scale)
    {
        int n = d.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var k = new Vector<float>(scale);
            Span<Vector<float>> vd = MemoryMarshal.Cast<float, Vector<float>>(d);
            ReadOnlySpan<Vector<float>> vs = MemoryMarshal.Cast<float, Vector<float>>(s[..n]);
            for (int j = 0; j < vd.Length; j++)
            {
                vd[j] += vs[j] * k;
            }

            i = vd.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            d[i] += s[i] * scale;
        }
    }

    /// <summary>
    /// pcm[i] = re[i]·cos[i] − im[i]·sin[i] rounded to the nearest integer (ties to even, as <see cref="MathF.Round(float)"/>)
    /// and clipped to 16 bits, over pcm's length (the inputs at least as long).
    /// </summary>
    public static void MixToPcm(ReadOnlySpan<float> re, ReadOnlySpan<float> im, ReadOnlySpan<float> cos, ReadOnlySpan<float> sin, Span<short> pcm)
    {
        int n = pcm.Length;
        int i = 0;
        int width = 2 * Vector<float>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var low = new Vector<float>(short.MinValue);
            var high = new Vector<float>(short.MaxValue);
            ReadOnlySpan<Vector<float>> vre = MemoryMarshal.Cast<float, Vector<float>>(re[..n]);
            ReadOnlySpan<Vector<float>> vim = MemoryMarshal.Cast<float, Vector<float>>(im[..n]);
            ReadOnlySpan<Vector<float>> vcos = MemoryMarshal.Cast<float, Vector<float>>(cos[..n]);
            ReadOnlySpan<Vector<float>> vsin = MemoryMarshal.Cast<float, Vector<float>>(sin[..n]);
            Span<Vector<short>> vpcm = MemoryMarshal.Cast<short, Vector<short>>(pcm);
            for (int k = 0; k < vpcm.Length; k++)
            {
                int a = 2 * k;
                int b = a + 1;
                Vector<float> first = Vector.Min(Vector.Max(Vector.Round((vre[a] * vcos[a]) - (vim[a] * vsin[a])), low), high);
                Vector<float> second = Vector.Min(Vector.Max(Vector.Round((vre[b] * vcos[b]) - (vim[b] * vsin[b])), low), high);
                vpcm[k] = Vector.Narrow(Vector.ConvertToInt32(first), Vector.ConvertToInt32(second));
            }

            i = vpcm.Length * width;
        }

        for (; i < n; i++)
        {
            pcm[i] = (short)Math.Clamp(MathF.Round((re[i] * cos[i]) - (im[i] * sin[i])), short.MinValue, short.MaxValue);
        }
    }

    /// <summary>Complex Σ c[i]·x[i] with real and imaginary parts in separate arrays.</summary>
    public static void ComplexDot(ReadOnlySpan<float> cRe, ReadOnlySpan<float> cIm, ReadOnlySpan<float> xRe, ReadOnlySpan<float> xIm, out float re, out float im)
    {
        int n = cRe.Length;
        int i = 0;
        re = 0;
        im = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var accRe = Vector<float>.Zero;
            var accIm = Vector<float>.Zero;
            ReadOnlySpan<Vector<float>> vcr = MemoryMarshal.Cast<float, Vector<float>>(cRe);
            ReadOnlySpan<Vector<float>> vci = MemoryMarshal.Cast<float, Vector<float>>(cIm[..n]);
            ReadOnlySpan<Vector<float>> vxr = MemoryMarshal.Cast<float, Vector<float>>(xRe[..n]);
            ReadOnlySpan<Vector<float>> vxi = MemoryMarshal.Cast<float, Vector<float>>(xIm[..n]);
            for (int k = 0; k < vcr.Length; k++)
            {
                accRe += (vcr[k] * vxr[k]) - (vci[k] * vxi[k]);
                accIm += (vcr[k] * vxi[k]) + (vci[k] * vxr[k]);
            }

            re = Vector.Sum(accRe);
            im = Vector.Sum(accIm);
            i = vcr.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            re += (cRe[i] * xRe[i]) - (cIm[i] * xIm[i]);
            im += (cRe[i] * xIm[i]) + (cIm[i] * xRe[i]);
        }
    }

    /// <summary>c[i] += (er + j·ei)·conj(x[i]).</summary>
    public static void ComplexUpdate(Span<float> cRe, Span<float> cIm, ReadOnlySpan<float> xRe, ReadOnlySpan<float> xIm, float er, float ei)
    {
        int n = cRe.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var ver = new Vector<float>(er);
            var vei = new Vector<float>(ei);
            Span<Vector<float>> vcr = MemoryMarshal.Cast<float, Vector<float>>(cRe);
            Span<Vector<float>> vci = MemoryMarshal.Cast<float, Vector<float>>(cIm[..n]);
            ReadOnlySpan<Vector<float>> vxr = MemoryMarshal.Cast<float, Vector<float>>(xRe[..n]);
            ReadOnlySpan<Vector<float>> vxi = MemoryMarshal.Cast<float, Vector<float>>(xIm[..n]);
            for (int k = 0; k < vcr.Length; k++)
            {
                vcr[k] += (ver * vxr[k]) + (vei * vxi[k]);
                vci[k] += (vei * vxr[k]) - (ver * vxi[k]);
            }

            i = vcr.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            cRe[i] += (er * xRe[i]) + (ei * xIm[i]);
            cIm[i] += (ei * xRe[i]) - (er * xIm[i]);
        }
    }
}
