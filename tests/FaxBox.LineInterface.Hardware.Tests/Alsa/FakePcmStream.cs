using FaxBox.LineInterface.Hardware.Alsa;

namespace FaxBox.LineInterface.Hardware.Tests.Alsa;

/// <summary>A scripted PCM direction: capture periods produced by a function, playback periods recorded, errors injected.</summary>
internal sealed class FakePcmStream(int channels) : IPcmStream
{
    public Queue<int> Errors { get; } = new();

    public List<short[]> Written { get; } = [];

    public List<int> Recovered { get; } = [];

    public Func<int, short>? Sample { get; set; } // (interleaved index) → sample for capture

    public bool Disposed { get; private set; }

    public int ReadPeriod(Span<short> interleaved)
    {
        if (Errors.TryDequeue(out var error))
        {
            return error;
        }

        for (var i = 0; i < interleaved.Length; i++)
        {
            interleaved[i] = Sample?.Invoke(i) ?? 0;
        }

        return interleaved.Length / channels;
    }

    public int WritePeriod(ReadOnlySpan<short> interleaved)
    {
        if (Errors.TryDequeue(out var error))
        {
            return error;
        }

        Written.Add(interleaved.ToArray());
        return interleaved.Length / channels;
    }

    public int Recover(int error)
    {
        Recovered.Add(error);
        return 0;
    }

    public void Dispose() => Disposed = true;
}
