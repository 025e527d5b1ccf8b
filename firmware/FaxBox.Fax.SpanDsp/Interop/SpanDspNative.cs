using System.Runtime.InteropServices;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>
/// Raw declarations of Debian's libspandsp2 0.0.6 (<c>libspandsp.so.2</c>), with the library's own names.
/// Split by header into partial files. Every state pointer is opaque (<c>xxx_init(NULL, …)</c> allocates it).
/// </summary>
internal static partial class SpanDspNative
{
    /// <summary>The SONAME this binding is written against.</summary>
    public const string Library = "libspandsp.so.2";
}
