namespace FaxBox.Fax.Tones;

/// <summary>A DTMF receiver (ITU-T Q.24): reports each digit once, when it is recognised.</summary>
public interface IDtmfReceiver : IDisposable
{
    /// <summary>Raised synchronously from <see cref="Process"/> for each digit: 0–9, *, #, A–D.</summary>
    event EventHandler<char>? DigitReceived;

    /// <summary>Feeds one 20 ms frame (160 samples). The frame is not modified.</summary>
    void Process(ReadOnlySpan<short> frame);
}
