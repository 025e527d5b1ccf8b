using FaxBox.Fax.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>A bit sink that keeps only a count, so the receiver's own cost is what is measured.</summary>
public sealed class NullSink : IModemBitSink
{
    public long Bits { get; private set; }

    public void PutBit(int bit) => Bits += bit & 1;

    public void OnStatus(ModemStatus status)
    {
    }
}
