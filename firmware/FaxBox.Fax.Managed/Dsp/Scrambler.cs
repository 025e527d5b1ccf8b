namespace FaxBox.Fax.Managed.Dsp;

/// <summary>
/// A self-synchronising scrambler/descrambler with generating polynomial 1 + x^-a + x^-b
/// (ITU-T V.29 §4 and V.17 §7: 1 + x^-18 + x^-23; V.27ter §2.5 without its repetition guard: 1 + x^-6 + x^-7).
/// </summary>
internal sealed class Scrambler
{
    private readonly int _tapA;
    private readonly int _tapB;
    private uint _register;

    public Scrambler(int tapA, int tapB)
    {
        _tapA = tapA;
        _tapB = tapB;
    }

    /// <summary>The V.29/V.17 scrambler, 1 + x^-18 + x^-23.</summary>
    public static Scrambler V17V29() => new(18, 23);

    /// <summary>Clears the shift register.</summary>
    public void Reset() => _register = 0;

    /// <summary>Transmit side: Ds = Di ⊕ Ds·x^-a ⊕ Ds·x^-b.</summary>
    public int Scramble(int bit)
    {
        int output = (bit ^ (int)(_register >> (_tapA - 1)) ^ (int)(_register >> (_tapB - 1))) & 1;
        _register = (_register << 1) | (uint)output;
        return output;
    }

    /// <summary>Receive side: Do = Ds ⊕ Ds·x^-a ⊕ Ds·x^-b.</summary>
    public int Descramble(int bit)
    {
        int output = (bit ^ (int)(_register >> (_tapA - 1)) ^ (int)(_register >> (_tapB - 1))) & 1;
        _register = (_register << 1) | (uint)(bit & 1);
        return output;
    }
}
