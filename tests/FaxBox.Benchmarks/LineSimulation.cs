using System.Runtime.InteropServices;

namespace FaxBox.Benchmarks;

/// <summary>
/// One audio leg between two roles: a copy, or a G.711 encode + decode round trip. Line simulation, not part of any
/// role, so it runs outside every timed bracket. The round trip uses libspandsp's own g711_encode/g711_decode, the
/// functions spandsp_bench.c calls, so both halves of the benchmark feed the engines bit-identical audio.
/// </summary>
internal sealed unsafe partial class LineSimulation : IDisposable
{
    private readonly nint _g711;
    private readonly byte[] _codes = new byte[FaxBox.Core.AudioFrame.Samples];

    /// <param name="law">spandsp's G711_ALAW (0) or G711_ULAW (1); negative for a plain copy.</param>
    public LineSimulation(int law)
    {
        if (law >= 0)
        {
            _g711 = g711_init(0, law);
            if (_g711 == 0)
            {
                throw new InvalidOperationException("g711_init failed");
            }
        }
    }

    public void Carry(short[] from, short[] to)
    {
        if (_g711 == 0)
        {
            from.AsSpan().CopyTo(to);
            return;
        }

        fixed (short* f = from)
        fixed (short* t = to)
        fixed (byte* c = _codes)
        {
            _ = g711_encode(_g711, c, f, from.Length);
            _ = g711_decode(_g711, t, c, from.Length);
        }
    }

    public void Dispose()
    {
        if (_g711 != 0)
        {
            _ = g711_free(_g711);
        }
    }

    [LibraryImport("libspandsp.so.2")]
    private static partial nint g711_init(nint s, int mode);

    [LibraryImport("libspandsp.so.2")]
    private static partial int g711_encode(nint s, byte* g711Data, short* amp, int len);

    [LibraryImport("libspandsp.so.2")]
    private static partial int g711_decode(nint s, short* amp, byte* g711Data, int len);

    [LibraryImport("libspandsp.so.2")]
    private static partial int g711_free(nint s);
}
