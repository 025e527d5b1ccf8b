namespace FaxBox.Fax.Modems;

/// <summary>The outcome of comparing received bits with a test pattern.</summary>
/// <param name="Bits">Pattern bits sent.</param>
/// <param name="Errors">Pattern bits received wrong or not at all, plus the bits a slip inserted or dropped (at most <paramref name="Bits"/>).</param>
/// <param name="Synchronized">False when the start of the pattern was never found (then every bit is an error).</param>
/// <param name="Offset">Where the pattern started among the received bits, or −1 (0 when its first bits were lost).</param>
public readonly record struct BitErrorResult(long Bits, long Errors, bool Synchronized, int Offset)
{
    /// <summary>Errors per bit sent.</summary>
    public double Rate => Bits == 0 ? 0 : (double)Errors / Bits;

    /// <summary>Times the receiver inserted or dropped bits and the counter re-aligned (each is also counted in <see cref="Errors"/>).</summary>
    public int Slips { get; init; }

    /// <summary>Bits inserted or dropped by those slips, in all.</summary>
    public long SlippedBits { get; init; }
}
