using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Tests.Audio;

namespace FaxBox.Fax.SpanDsp.Tests.T30Monitor;

/// <summary>
/// A test-side V.21 channel 2 line, written from the standards and independent of spandsp: HDLC framing of T.30 §5.3
/// (flags, zero-bit insertion, CRC-16 FCS of ISO/IEC 13239 sent least significant bit first) and phase-continuous FSK of
/// ITU-T V.21 (channel 2: mark = 1 = 1650 Hz, space = 0 = 1850 Hz, 300 bit/s), -13 dBm0 unless told, in 20 ms frames.
/// </summary>
internal sealed class V21Line
{
    private const byte Flag = 0x7E;
    private readonly List<int> _bits = [];

    /// <summary>Back-to-back flags: the T.30 preamble is 1 s of them (§5.3.1), 38 flags at 300 bit/s.</summary>
    public V21Line Flags(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Octet(Flag);
        }

        return this;
    }

    /// <summary>One frame: <paramref name="frame"/> and its FCS, zero-bit stuffed, closed by a flag. <paramref name="corruptFcs"/> flips one FCS bit.</summary>
    public V21Line Frame(ReadOnlySpan<byte> frame, bool corruptFcs = false)
    {
        var fcs = (ushort)(Fcs16(frame) ^ (corruptFcs ? 0x0100 : 0));
        var ones = 0;
        void Stuffed(int bit)
        {
            _bits.Add(bit);
            ones = bit == 1 ? ones + 1 : 0;
            if (ones == 5)
            {
                _bits.Add(0);
                ones = 0;
            }
        }

        foreach (var octet in frame)
        {
            for (var b = 0; b < 8; b++)
            {
                Stuffed((octet >> b) & 1);
            }
        }

        for (var b = 0; b < 16; b++)
        {
            Stuffed((fcs >> b) & 1);
        }

        Octet(Flag);
        return this;
    }

    /// <summary>Arbitrary bits (no stuffing): garbage on a valid carrier.</summary>
    public V21Line RandomBits(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            _bits.Add(random.Next(2));
        }

        return this;
    }

    /// <summary>The bits so far as 20 ms frames of FSK at <paramref name="dbm0"/>, then <paramref name="silenceFrames"/> of silence for the carrier to drop.</summary>
    public List<short[]> ToFrames(int silenceFrames = 25, double dbm0 = -13)
    {
        var amplitude = Signals.ZeroDbm0Peak * Math.Pow(10, dbm0 / 20.0);
        var total = (int)((long)_bits.Count * AudioFrame.SampleRate / 300);
        var frames = new List<short[]>();
        var phase = 0.0;
        for (var n = 0; n < total;)
        {
            var frame = new short[AudioFrame.Samples];
            for (var i = 0; i < frame.Length && n < total; i++, n++)
            {
                var frequency = _bits[(int)(n * 300L / AudioFrame.SampleRate)] == 1 ? 1650.0 : 1850.0;
                phase += 2 * Math.PI * frequency / AudioFrame.SampleRate;
                frame[i] = (short)Math.Round(amplitude * Math.Sin(phase));
            }

            frames.Add(frame);
        }

        frames.AddRange(Signals.Silence(silenceFrames));
        return frames;
    }

    /// <summary>CRC-16 of ISO/IEC 13239 (x^16 + x^12 + x^5 + 1, preset to ones, ones' complement), the T.30 FCS.</summary>
    public static ushort Fcs16(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF;
        foreach (var octet in data)
        {
            crc ^= octet;
            for (var b = 0; b < 8; b++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
            }
        }

        return (ushort)(crc ^ 0xFFFF);
    }

    private void Octet(byte octet)
    {
        for (var b = 0; b < 8; b++)
        {
            _bits.Add((octet >> b) & 1);
        }
    }
}
