namespace FaxBox.Fax.Modems;

/// <summary>The outcome of comparing received bits with a test pattern.</summary>
/// <param name="Bits">Pattern bits sent.</param>
/// <param name="Errors">Pattern bits received wrong or not at all.</param>
/// <param name="Synchronized">False when the start of the pattern was never found (then every bit is an error).</param>
/// <param name="Offset">Where the pattern started among the received bits, or −1.</param>
public readonly record struct BitErrorResult(long Bits, long Errors, bool Synchronized, int Offset)
{
    /// <summary>Errors per bit sent.</summary>
    public double Rate => Bits == 0 ? 0 : (double)Errors / Bits;
}
