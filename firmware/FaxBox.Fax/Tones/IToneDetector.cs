namespace FaxBox.Fax.Tones;

/// <summary>Listens to an audio stream for connect tones; reports each start and end once.</summary>
public interface IToneDetector : IDisposable
{
    /// <summary>Raised synchronously from <see cref="Process"/> when a tone starts or ends.</summary>
    event EventHandler<ToneEvent>? ToneChanged;

    /// <summary>Feeds one 20 ms frame (160 samples). The frame is not modified.</summary>
    void Process(ReadOnlySpan<short> frame);
}
