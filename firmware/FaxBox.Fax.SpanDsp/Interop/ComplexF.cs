using System.Runtime.InteropServices;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>spandsp's <c>complexf_t</c> (complex.h): two floats, real then imaginary.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ComplexF
{
    public float Re;
    public float Im;
}
