namespace FaxBox.Fax.Managed.Dsp;

/// <summary>
/// A self-synchronising scrambler/descrambler with generating polynomial 1 + x^-a + x^-b
/// (ITU-T V.29 §4 and V.17 §7: 1 + x^-18 + x^-23; V.27ter: 1 + x^-6 + x^-7 with its guard against repetitive
/// patterns: after 33 consecutive line bits each equal to the bit 8, 9 or 12 before it, the next bit is inverted,
/// on both sides; the inversion resets the count and the inverted bit itself is not compared, so the count starts again
/// with the bit after it, as libspandsp's V.27ter modems count: comparing the inverted bit too put the next inversion one
/// bit early whenever the inverted bit was itself repetitive, one bit error against spandsp's transmitter every few
/// ten thousand bits).
/// </summary>
internal sealed class Scrambler
{
    /// <summary>V.27ter guard: consecutive repetitive bits after which the next one is inverted.</summary>
    public const int GuardLength = 33;

    private readonly int _tapA;
    private readonly int _tapB;
    private readonly bool _guard;
    private uint _register;
    private int _repetitions;

    public Scrambler(int tapA, int tapB, bool guard = false)
    {
        _tapA = tapA;
        _tapB = tapB;
        _guard = guard;
    }

    /// <summary>The V.27ter scrambler, 1 + x^-6 + x^-7 with the repetition guard.</summary>
    public static Scrambler V27ter() => new(6, 7, guard: true);

    /// <summary>The V.29/V.17 scrambler, 1 + x^-18 + x^-23.</summary>
    public static Scrambler V17V29() => new(18, 23);

    /// <summary>Clears the shift register.</summary>
    public void Reset()
    {
        _register = 0;
        _repetitions = 0;
    }

    /// <summary>Loads the shift register (bit 0 is the most recent bit).</summary>
    public void Load(uint register) => _register = register;

    /// <summary>Transmit side: Ds = Di ⊕ Ds·x^-a ⊕ Ds·x^-b.</summary>
    public int Scramble(int bit)
    {
        int output = (bit ^ (int)(_register >> (_tapA - 1)) ^ (int)(_register >> (_tapB - 1))) & 1;
        if (GuardInversion())
        {
            output ^= 1;
        }
        else
        {
            Guard(output);
        }

        _register = (_register << 1) | (uint)output;
        return output;
    }

    /// <summary>Receive side: Do = Ds ⊕ Ds·x^-a ⊕ Ds·x^-b.</summary>
    public int Descramble(int bit)
    {
        bit &= 1;
        int output = (bit ^ (int)(_register >> (_tapA - 1)) ^ (int)(_register >> (_tapB - 1))) & 1;
        if (GuardInversion())
        {
            output ^= 1;
        }
        else
        {
            Guard(bit);
        }

        _register = (_register << 1) | (uint)bit;
        return output;
    }

    /// <summary>True when this bit is the one to invert (the count is then reset, and this bit is not compared).</summary>
    private bool GuardInversion()
    {
        if (!_guard || _repetitions < GuardLength)
        {
            return false;
        }

        _repetitions = 0;
        return true;
    }

    /// <summary>Counts line bits equal to the bit 8, 9 or 12 before them (bit 0 of the register is the previous bit).</summary>
    private void Guard(int line)
    {
        if (!_guard)
        {
            return;
        }

        bool repeats = line == (int)((_register >> 7) & 1) || line == (int)((_register >> 8) & 1) || line == (int)((_register >> 11) & 1);
        _repetitions = repeats ? _repetitions + 1 : 0;
    }
}
