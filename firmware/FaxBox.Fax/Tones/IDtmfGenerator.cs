namespace FaxBox.Fax.Tones;

/// <summary>A DTMF generator: queued digits are played with standard on/off times.</summary>
public interface IDtmfGenerator : IDisposable
{
    /// <summary>Queues digits (0–9, *, #, A–D); throws <see cref="ArgumentException"/> naming the first invalid one.</summary>
    void Enqueue(string digits);

    /// <summary>True when every queued digit has been played.</summary>
    bool IsIdle { get; }

    /// <summary>Fills one 20 ms frame (160 samples); silence when idle.</summary>
    void Generate(Span<short> frame);
}
