namespace FaxBox.LineInterface.Hardware.Alsa;

/// <summary>
/// A single-producer, single-consumer ring of samples moved in whole blocks (all or nothing). Lock-free and
/// allocation-free after construction: the media thread on one side, the ALSA I/O thread on the other.
/// </summary>
internal sealed class SampleRing
{
    private readonly short[] _buffer;
    private readonly int _mask;
    private long _written;
    private long _read;

    public SampleRing(int minimumCapacity)
    {
        var capacity = 1;
        while (capacity < minimumCapacity)
        {
            capacity <<= 1;
        }

        _buffer = new short[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _buffer.Length;

    public int Count => (int)(Volatile.Read(ref _written) - Volatile.Read(ref _read));

    /// <summary>Appends all of <paramref name="samples"/>, or nothing when it does not fit.</summary>
    public bool TryWrite(ReadOnlySpan<short> samples)
    {
        var written = Volatile.Read(ref _written);
        if (written - Volatile.Read(ref _read) + samples.Length > _buffer.Length)
        {
            return false;
        }

        for (var i = 0; i < samples.Length; i++)
        {
            _buffer[(int)((written + i) & _mask)] = samples[i];
        }

        Volatile.Write(ref _written, written + samples.Length);
        return true;
    }

    /// <summary>Takes exactly <paramref name="destination"/>.Length samples, or nothing when fewer are queued.</summary>
    public bool TryRead(Span<short> destination)
    {
        var read = Volatile.Read(ref _read);
        if (Volatile.Read(ref _written) - read < destination.Length)
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = _buffer[(int)((read + i) & _mask)];
        }

        Volatile.Write(ref _read, read + destination.Length);
        return true;
    }
}
