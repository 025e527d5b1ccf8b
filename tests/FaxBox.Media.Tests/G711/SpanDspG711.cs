using System.Runtime.InteropServices;

namespace FaxBox.Media.Tests.G711;

/// <summary>
/// Debian's libspandsp 0.0.6 G.711 (<c>/usr/include/spandsp/g711.h</c>), used as the reference implementation.
/// </summary>
internal static partial class SpanDspG711
{
    private const string Library = "libspandsp.so.2";

    /// <summary><c>G711_ALAW</c> in g711.h.</summary>
    public const int G711_ALAW = 0;

    /// <summary><c>G711_ULAW</c> in g711.h.</summary>
    public const int G711_ULAW = 1;

    [LibraryImport(Library)]
    public static partial IntPtr g711_init(IntPtr s, int mode);

    [LibraryImport(Library)]
    public static unsafe partial int g711_encode(IntPtr s, byte* g711_data, short* amp, int len);

    [LibraryImport(Library)]
    public static unsafe partial int g711_decode(IntPtr s, short* amp, byte* g711_data, int g711_bytes);

    [LibraryImport(Library)]
    public static partial int g711_free(IntPtr s);

    /// <summary>Encodes every int16 value, -32768 … 32767 in order, with the library.</summary>
    public static unsafe byte[] EncodeAll(int mode)
    {
        var pcm = new short[65536];
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)(i - 32768);
        }

        var codes = new byte[65536];
        IntPtr state = g711_init(IntPtr.Zero, mode);
        Assert.NotEqual(IntPtr.Zero, state);
        try
        {
            fixed (short* p = pcm)
            fixed (byte* c = codes)
            {
                Assert.Equal(pcm.Length, g711_encode(state, c, p, pcm.Length));
            }
        }
        finally
        {
            g711_free(state);
        }

        return codes;
    }

    /// <summary>Decodes every code 0 … 255 with the library.</summary>
    public static unsafe short[] DecodeAll(int mode)
    {
        var codes = new byte[256];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)i;
        }

        var pcm = new short[256];
        IntPtr state = g711_init(IntPtr.Zero, mode);
        Assert.NotEqual(IntPtr.Zero, state);
        try
        {
            fixed (short* p = pcm)
            fixed (byte* c = codes)
            {
                Assert.Equal(codes.Length, g711_decode(state, p, c, codes.Length));
            }
        }
        finally
        {
            g711_free(state);
        }

        return pcm;
    }
}
