using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Comparison;

/// <summary>
/// Compares received bits with the <see cref="PrbsBitSource"/> pattern like <see cref="BitErrorCounter"/>, but aligns on
/// the first 128-bit stretch of the pattern found anywhere (not only the first) and re-aligns over ±12 bits (±2 symbols at
/// 14400 bit/s) in every 48-bit window that is more than a quarter wrong, counting each re-alignment as a slip.
/// </summary>
internal sealed class SlipCounter : IModemBitSink
{
    private const int Window = 48;
    private const int Reach = 12;
    private readonly List<byte> _bits = new(16384);

    public void PutBit(int bit) => _bits.Add((byte)(bit & 1));

    public void OnStatus(ModemStatus status)
    {
    }

    /// <summary>Slips found (−1 when no 128-bit stretch of the pattern was ever received: a total loss, not a slip) and the bit errors counted with re-alignment.</summary>
    public (int Slips, long Errors) Evaluate(int dataBits, int seed)
    {
        var pattern = new byte[dataBits];
        var register = PrbsBitSource.StartState(seed);
        for (var i = 0; i < dataBits; i++)
        {
            pattern[i] = (byte)PrbsBitSource.Next(ref register);
        }

        int? shift = null;
        for (var p0 = 0; p0 + 128 <= dataBits && shift is null; p0 += 128)
        {
            for (var o = p0; o + 128 <= _bits.Count && o < p0 + 4000; o++)
            {
                var mismatch = 0;
                for (var i = 0; i < 128 && mismatch < 16; i++)
                {
                    mismatch += _bits[o + i] ^ pattern[p0 + i];
                }

                if (mismatch < 16)
                {
                    shift = o - p0;
                    break;
                }
            }
        }

        if (shift is not int s)
        {
            return (-1, dataBits);
        }

        var slips = 0;
        long errors = 0;
        for (var p = 0; p + Window <= dataBits; p += Window)
        {
            var current = Errors(pattern, p, s);
            if (current > Window / 4)
            {
                var best = s;
                var bestErrors = current;
                for (var d = -Reach; d <= Reach; d++)
                {
                    var e = Errors(pattern, p, s + d);
                    if (d != 0 && e < bestErrors)
                    {
                        bestErrors = e;
                        best = s + d;
                    }
                }

                if (bestErrors <= Window / 8 && best != s)
                {
                    slips++;
                    s = best;
                    current = bestErrors;
                }
            }

            errors += current;
        }

        return (slips, errors);
    }

    private int Errors(byte[] pattern, int p, int shift)
    {
        var errors = 0;
        for (var i = 0; i < Window; i++)
        {
            var k = p + i + shift;
            errors += k >= 0 && k < _bits.Count ? _bits[k] ^ pattern[p + i] : 1;
        }

        return errors;
    }
}
