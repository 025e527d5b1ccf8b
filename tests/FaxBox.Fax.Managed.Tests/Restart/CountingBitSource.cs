using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Restart;

/// <summary>Endless ones that count how many bits the transmitter has taken.</summary>
internal sealed class CountingBitSource : IModemBitSource
{
    public int Taken { get; private set; }

    public int GetBit()
    {
        Taken++;
        return 1;
    }
}
