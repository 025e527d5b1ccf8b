namespace FaxBox.LineInterface.Hardware.Alsa;

/// <summary>
/// One direction of a PCM device at the period level: the seam between <see cref="PcmLink"/> (demultiplexing, xrun
/// accounting) and alsa-lib, so that the link's recovery logic is tested without a sound card.
/// </summary>
internal interface IPcmStream : IDisposable
{
    /// <summary>Reads one period of interleaved frames; returns frames read or a negative errno (−EPIPE: overrun).</summary>
    int ReadPeriod(Span<short> interleaved);

    /// <summary>Writes one period; returns frames written or a negative errno (−EPIPE: underrun).</summary>
    int WritePeriod(ReadOnlySpan<short> interleaved);

    /// <summary>Recovers from an xrun or suspend (snd_pcm_recover); returns 0 or a negative errno.</summary>
    int Recover(int error);
}
