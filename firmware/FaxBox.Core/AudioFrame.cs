namespace FaxBox.Core;

/// <summary>
/// The unit every clocked part of FaxBox works in: 20 ms of 8 kHz linear 16-bit audio (160 samples).
/// Media clocks tick once per frame; fax engines, line ports and media bridges take and give exactly one frame per tick.
/// </summary>
public static class AudioFrame
{
    /// <summary>Samples per second of every audio stream in the box (narrow-band telephony).</summary>
    public const int SampleRate = 8000;

    /// <summary>Samples in one frame: 20 ms at 8 kHz.</summary>
    public const int Samples = 160;

    /// <summary>Milliseconds in one frame.</summary>
    public const int Milliseconds = 20;

    /// <summary>The duration of one frame.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(Milliseconds);

    /// <summary>Throws when <paramref name="length"/> is not exactly one frame; names the parameter in the message.</summary>
    public static void EnsureFrame(int length, string parameterName)
    {
        if (length != Samples)
        {
            throw new ArgumentException($"an audio frame is {Samples} samples (20 ms at 8 kHz), got {length}", parameterName);
        }
    }
}
