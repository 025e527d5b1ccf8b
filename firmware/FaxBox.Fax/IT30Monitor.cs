namespace FaxBox.Fax;

/// <summary>
/// A passive listener on one direction of an audio fax call: it demodulates V.21 channel 2 (300 bit/s FSK, ITU-T V.21)
/// and decodes the T.30 HDLC frames in it (T.30 §5.3), without sending anything. The gateway runs one per direction of
/// a G.711 pass-through fax to write the per-fax record (pages, rate, ECM, result). Clocked in 20 ms frames.
/// </summary>
public interface IT30Monitor : IDisposable
{
    /// <summary>Raised synchronously from <see cref="ReceiveAudio"/> for every complete frame with a good FCS (<see cref="T30FrameEventArgs.Incoming"/> is true).</summary>
    event EventHandler<T30FrameEventArgs>? Frame;

    /// <summary>Feeds one 20 ms frame (160 samples). The frame is not modified. No allocation unless a T.30 frame completes.</summary>
    void ReceiveAudio(ReadOnlySpan<short> frame);
}
