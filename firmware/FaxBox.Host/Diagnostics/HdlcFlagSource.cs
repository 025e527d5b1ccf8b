using FaxBox.Fax.Modems;

namespace FaxBox.Host.Diagnostics;

/// <summary>HDLC flags (0x7E, ITU-T T.30 §5.3.1 / ISO 3309) for a given number of bits, then the end of data: the V.21 preamble of a T.30 command.</summary>
internal sealed class HdlcFlagSource(int bits) : IModemBitSource
{
    private const int Flag = 0x7E;
    private int _sent;

    public int GetBit()
    {
        if (_sent >= bits)
        {
            return IModemBitSource.EndOfData;
        }

        // Sent least significant bit first: 0, 1, 1, 1, 1, 1, 1, 0.
        return (Flag >> (_sent++ & 7)) & 1;
    }
}
