using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Restart;

/// <summary>Ones first (as a sender's flags or scrambled ones), then a <see cref="RandomBitSource"/>'s data.</summary>
internal sealed class PreambledBitSource(int ones, RandomBitSource data) : IModemBitSource
{
    private int _sent;

    public int GetBit() => _sent++ < ones ? 1 : data.GetBit();
}
