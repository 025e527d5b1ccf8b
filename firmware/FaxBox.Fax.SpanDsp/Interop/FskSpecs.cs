using System.Runtime.InteropServices;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>Addresses inside the library's exported <c>const fsk_spec_t preset_fsk_specs[]</c> (static data, never freed).</summary>
internal static class FskSpecs
{
    private static readonly Lazy<nint> V21Ch2 = new(() => Find(SpanDspNative.FskV21Ch2, 1850, 1650));

    /// <summary><c>&amp;preset_fsk_specs[FSK_V21CH2]</c>: V.21 channel 2, 1650 Hz = 1 (mark), 1850 Hz = 0 (space), 300 bit/s.</summary>
    public static nint V21Channel2 => V21Ch2.Value;

    private static nint Find(int index, int expectedZero, int expectedOne)
    {
        var library = NativeLibrary.Load(SpanDspNative.Library, typeof(FskSpecs).Assembly, searchPath: null);
        var specs = NativeLibrary.GetExport(library, SpanDspNative.PresetFskSpecsSymbol);

        // fsk_spec_t = { const char *name; int freq_zero, freq_one, tx_level, min_level, baud_rate; }
        var specSize = IntPtr.Size + (5 * sizeof(int));
        specSize = (specSize + IntPtr.Size - 1) / IntPtr.Size * IntPtr.Size;
        var spec = specs + (index * specSize);

        // A wrong layout guess must fail loudly rather than use the wrong frequencies.
        var freqZero = Marshal.ReadInt32(spec, IntPtr.Size);
        var freqOne = Marshal.ReadInt32(spec, IntPtr.Size + sizeof(int));
        if (freqZero != expectedZero || freqOne != expectedOne)
        {
            throw new InvalidOperationException(
                $"libspandsp's preset_fsk_specs[{index}] reads {freqZero}/{freqOne} Hz, expected {expectedZero}/{expectedOne} Hz");
        }

        return spec;
    }
}
