namespace FaxBox.Fax.SpanDsp.Tests.Audio;

/// <summary>A small reference G.711 (A-law and µ-law) codec for round-trip tests, written from the ITU-T G.711 tables.</summary>
public static class G711
{
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;

    public static byte LinearToALaw(short sample)
    {
        int magnitude = sample;
        byte mask;
        if (magnitude >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            magnitude = -magnitude - 1;
        }

        var m = magnitude >> 3; // 12-bit magnitude, 0..4095
        int code;
        if (m < 32)
        {
            code = m >> 1;
        }
        else
        {
            var segment = 31 - int.LeadingZeroCount(m) - 4; // 32..63 -> 1, ..., 2048..4095 -> 7
            code = (segment << 4) | ((m >> segment) & 0x0F);
        }

        return (byte)(code ^ mask);
    }

    public static short ALawToLinear(byte alaw)
    {
        var t = alaw ^ 0x55;
        var segment = (t >> 4) & 7;
        var mantissa = t & 0x0F;
        var magnitude = segment == 0 ? (mantissa << 1) + 1 : ((mantissa << 1) + 33) << (segment - 1);
        var linear = magnitude << 3;
        return (short)((t & 0x80) != 0 ? linear : -linear);
    }

    public static byte LinearToMuLaw(short sample)
    {
        int s = sample;
        var sign = 0;
        if (s < 0)
        {
            sign = 0x80;
            s = -s;
        }

        s = Math.Min(s, MuLawClip) + MuLawBias;
        var exponent = 31 - int.LeadingZeroCount(s >> 7); // 0..7
        var mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static short MuLawToLinear(byte ulaw)
    {
        var u = ~ulaw & 0xFF;
        var exponent = (u >> 4) & 7;
        var mantissa = u & 0x0F;
        var magnitude = (((mantissa << 3) + MuLawBias) << exponent) - MuLawBias;
        return (short)((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    /// <summary>Encodes and decodes every sample in place.</summary>
    public static void RoundTrip(Span<short> samples, Companding law)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = law switch
            {
                Companding.ALaw => ALawToLinear(LinearToALaw(samples[i])),
                Companding.MuLaw => MuLawToLinear(LinearToMuLaw(samples[i])),
                _ => samples[i],
            };
        }
    }
}
