namespace FaxBox.Core;

/// <summary>One 20 ms tick of the media clock.</summary>
/// <param name="Index">The tick's number since the clock started (0, 1, 2 …); one tick is one <see cref="AudioFrame"/>.</param>
/// <param name="Due">When the tick was due, measured on the clock's time base from its start.</param>
/// <param name="Lateness">How late the tick runs compared with <paramref name="Due"/> (zero on a virtual clock).</param>
public readonly record struct MediaTick(long Index, TimeSpan Due, TimeSpan Lateness);

/// <summary>
/// A part of the media path that the media clock drives once per tick: a line port, a media bridge, a fax terminal.
/// Runs on the media thread: it must not block, must not allocate in steady state, and reports failures as state, not by throwing.
/// </summary>
public interface IMediaTickHandler
{
    void OnTick(in MediaTick tick);
}

/// <summary>
/// The one 20 ms clock that drives every port and call. The real-time implementation lives in FaxBox.Media;
/// tests drive the same handlers from a virtual clock, faster than real time.
/// </summary>
public interface IMediaClock
{
    /// <summary>Adds a handler; it runs from the next tick on. Disposing the result removes it (it is not called again after Dispose returns).</summary>
    IDisposable Register(IMediaTickHandler handler);
}
