namespace FaxBox.LineInterface;

/// <summary>
/// The box side of a port's audio: a media bridge, a fax terminal or a test. A port calls it once per media tick, from
/// inside <see cref="Core.IMediaTickHandler.OnTick"/>, with one 20 ms frame each way. It runs on the media thread: no
/// blocking, no allocation.
/// </summary>
public interface ILineAudio
{
    /// <summary>Exchanges one frame with the line.</summary>
    /// <param name="fromLine">160 samples heard from the line this tick (after the port's receive gain).</param>
    /// <param name="toLine">160 samples to send to the line, zeroed before the call. While the port itself plays a
    /// call-progress tone, caller ID or dial digits, the port's signal replaces what is written here.</param>
    void Exchange(ReadOnlySpan<short> fromLine, Span<short> toLine);
}
