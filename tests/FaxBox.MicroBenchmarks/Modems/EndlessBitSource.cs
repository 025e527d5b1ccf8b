using FaxBox.Fax.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>An endless pseudo-random bit source (a 32-bit xorshift) that allocates nothing.</summary>
internal sealed class EndlessBitSource : IModemBitSource
{
    private uint _state = 0x12345678;

    public int GetBit()
    {
        _state ^= _state << 13;
        _state ^= _state >> 17;
        _state ^= _state << 5;
        return (int)(_state & 1);
    }
}
