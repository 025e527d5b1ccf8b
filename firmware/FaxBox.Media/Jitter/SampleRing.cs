namespace FaxBox.Media.Jitter;

/// <summary>
/// A ring of 8 kHz samples indexed by RTP timestamp, with a presence flag per sample, shared by the jitter buffers.
/// Positions are unwrapped 64-bit timestamps.
/// </summary>
internal sealed class SampleRing
{
    private readonly short[] _samples;
    private readonly bool[] _present;
    private readonly int _mask;

    public SampleRing(int capacityPowerOfTwo)
    {
        _samples = new short[capacityPowerOfTwo];
        _present = new bool[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
    }

    public int Capacity => _samples.Length;

    public void Write(long position, ReadOnlySpan<short> samples)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            int index = (int)((position + i) & _mask);
            _samples[index] = samples[i];
            _present[index] = true;
        }
    }

    /// <summary>Moves samples [position, position + destination.Length) out (missing ones as 0); returns how many were missing.</summary>
    public int Read(long position, Span<short> destination)
    {
        int missing = 0;
        for (int i = 0; i < destination.Length; i++)
        {
            int index = (int)((position + i) & _mask);
            if (_present[index])
            {
                destination[i] = _samples[index];
                _present[index] = false;
            }
            else
            {
                destination[i] = 0;
                missing++;
            }
        }

        return missing;
    }

    /// <summary>Copies samples [position, position + destination.Length) without consuming them (missing ones as 0); returns how many are missing.</summary>
    public int Peek(long position, Span<short> destination)
    {
        int missing = 0;
        for (int i = 0; i < destination.Length; i++)
        {
            int index = (int)((position + i) & _mask);
            if (_present[index])
            {
                destination[i] = _samples[index];
            }
            else
            {
                destination[i] = 0;
                missing++;
            }
        }

        return missing;
    }

    /// <summary>Forgets samples [position, position + count).</summary>
    public void Discard(long position, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _present[(int)((position + i) & _mask)] = false;
        }
    }

    /// <summary>True when every sample of <paramref name="frame"/> is within ±<paramref name="threshold"/>.</summary>
    public static bool IsSilent(ReadOnlySpan<short> frame, int threshold)
    {
        foreach (short s in frame)
        {
            if (s > threshold || s < -threshold)
            {
                return false;
            }
        }

        return true;
    }
}
