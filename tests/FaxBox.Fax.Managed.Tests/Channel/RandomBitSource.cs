using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>A seeded pseudo-random bit source of fixed length that records what it sent.</summary>
internal sealed class RandomBitSource : IModemBitSource
{
    private readonly byte[] _bits;
    private int _next;

    public RandomBitSource(int count, int seed)
    {
        _bits = new byte[count];
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            _bits[i] = (byte)random.Next(2);
        }
    }

    public IReadOnlyList<byte> Bits => _bits;

    public int GetBit() => _next < _bits.Length ? _bits[_next++] : IModemBitSource.EndOfData;
}
