using FaxBox.Fax.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>A sink that only counts, so the benchmark measures the receiver.</summary>
internal sealed class CountingBitSink : IModemBitSink
{
    public long Ones { get; private set; }

    public long Bits { get; private set; }

    public void PutBit(int bit)
    {
        Bits++;
        Ones += bit;
    }

    public void OnStatus(ModemStatus status)
    {
    }
}
