namespace FaxBox.Fax.Managed.Dsp;

/// <summary>
/// A direct digital synthesis table: one cycle of a sine in 1024 steps, read with a 32-bit phase accumulator
/// (the top 10 bits index the table). Spurs from the truncated phase sit below −60 dBc, far under a fax modem's needs.
/// </summary>
internal static class SineTable
{
    /// <summary>Table size, a power of two.</summary>
    public const int Size = 1024;

    private const int Shift = 32 - 10;

    private static readonly float[] Values = Create();

    /// <summary>The phase increment per sample for <paramref name="hz"/> at 8 kHz.</summary>
    public static uint Step(double hz) => (uint)(long)Math.Round(hz / 8000.0 * 4294967296.0);

    /// <summary>sin(2π·phase/2³²).</summary>
    public static float Sin(uint phase) => Values[phase >> Shift];

    /// <summary>cos(2π·phase/2³²).</summary>
    public static float Cos(uint phase) => Values[(phase + 0x40000000u) >> Shift];

    private static float[] Create()
    {
        var values = new float[Size];
        for (var i = 0; i < Size; i++)
        {
            values[i] = (float)Math.Sin(2 * Math.PI * i / Size);
        }

        return values;
    }
}
