namespace FaxBox.Fax.Modems;

/// <summary>
/// A modem test pattern: <see cref="PreambleBits"/> ones (so that a receiver can settle, as a real sender's flags or
/// scrambled ones do), then <see cref="DataBits"/> bits of the 2²³−1 pseudo-random sequence of ITU-T O.150 §5.8
/// (x²³ + x¹⁸ + 1), started from a seed, then <see cref="IModemBitSource.EndOfData"/>. Allocation-free.
/// </summary>
public sealed class PrbsBitSource : IModemBitSource
{
    private const int Mask = (1 << 23) - 1;
    private readonly int _start;
    private int _register;
    private long _sent;

    /// <param name="dataBits">How many pseudo-random bits to send.</param>
    /// <param name="seed">Any value; selects the start of the sequence (0 is mapped to a non-zero state).</param>
    /// <param name="preambleBits">Ones sent before the pattern.</param>
    public PrbsBitSource(long dataBits, int seed, int preambleBits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dataBits);
        ArgumentOutOfRangeException.ThrowIfNegative(preambleBits);
        DataBits = dataBits;
        PreambleBits = preambleBits;
        _start = StartState(seed);
        _register = _start;
    }

    /// <summary>Pseudo-random bits sent after the preamble.</summary>
    public long DataBits { get; }

    /// <summary>Ones sent first.</summary>
    public int PreambleBits { get; }

    /// <summary>Bits handed out so far (preamble included).</summary>
    public long Sent => _sent;

    /// <summary>The register value the pattern starts from for <paramref name="seed"/> (never 0).</summary>
    public static int StartState(int seed)
    {
        var state = (int)((uint)seed * 2654435761u) & Mask;
        return state == 0 ? 1 : state;
    }

    /// <summary>Advances a pattern register by one bit and returns that bit.</summary>
    public static int Next(ref int register)
    {
        // Fibonacci form of x^23 + x^18 + 1: the new bit is the XOR of stages 23 and 18.
        var bit = ((register >> 22) ^ (register >> 17)) & 1;
        register = ((register << 1) | bit) & Mask;
        return bit;
    }

    public int GetBit()
    {
        if (_sent < PreambleBits)
        {
            _sent++;
            return 1;
        }

        if (_sent >= PreambleBits + DataBits)
        {
            return IModemBitSource.EndOfData;
        }

        _sent++;
        return Next(ref _register);
    }
}
