namespace FaxBox.Fax.Tones;

/// <summary>Generates one connect tone with its cadence, frame by frame.</summary>
public interface IToneGenerator : IDisposable
{
    /// <summary>The tone generated.</summary>
    FaxTone Tone { get; }

    /// <summary>Fills one 20 ms frame (160 samples); silence once a tone of limited duration has finished.</summary>
    void Generate(Span<short> frame);
}
