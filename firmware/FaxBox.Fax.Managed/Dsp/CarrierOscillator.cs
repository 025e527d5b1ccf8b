namespace FaxBox.Fax.Managed.Dsp;

/// <summary>A table-driven numerically controlled oscillator (32-bit phase accumulator, 4096-entry sine table) at 8000 samples/s.</summary>
internal sealed class CarrierOscillator
{
    private const int TableBits = 12;
    private const int TableSize = 1 << TableBits;
    private static readonly float[] SharedSine = BuildTable();

    // An instance reference to the shared table: the per-sample lookup needs no static-initialisation check.
    private readonly float[] _sine = SharedSine;
    private uint _phase;
    private uint _step;

    public CarrierOscillator(double frequencyHz) => FrequencyHz = frequencyHz;

    /// <summary>The oscillator frequency.</summary>
    public double FrequencyHz
    {
        get => _step * 8000.0 / 4294967296.0;
        set => _step = StepFor(value);
    }

    /// <summary>The 32-bit phase step per sample at 8000 samples/s for <paramref name="frequencyHz"/>.</summary>
    public static uint StepFor(double frequencyHz) => (uint)Math.Round(frequencyHz / 8000.0 * 4294967296.0);

    /// <summary>The cosine and sine of a 32-bit phase (2π = 2³²), from the same table.</summary>
    public static void CosSin(uint phase, out float cos, out float sin)
    {
        uint index = phase >> (32 - TableBits);
        float[] table = SharedSine;
        sin = table[index];
        cos = table[(index + (TableSize / 4)) & (TableSize - 1)];
    }

    /// <summary>Restarts at phase zero.</summary>
    public void Reset() => _phase = 0;

    /// <summary>The cosine and sine of the current phase, then advances by one sample.</summary>
    public void Next(out float cos, out float sin)
    {
        uint index = _phase >> (32 - TableBits);
        sin = _sine[index];
        cos = _sine[(index + (TableSize / 4)) & (TableSize - 1)];
        _phase += _step;
    }

    private static float[] BuildTable()
    {
        var table = new float[TableSize];
        for (int i = 0; i < TableSize; i++)
        {
            table[i] = (float)Math.Sin(2 * Math.PI * i / TableSize);
        }

        return table;
    }
}
