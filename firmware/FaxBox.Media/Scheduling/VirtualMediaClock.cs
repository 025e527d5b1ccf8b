using FaxBox.Core;

namespace FaxBox.Media.Scheduling;

/// <summary>
/// A media clock for tests and offline runs: <see cref="Advance"/> runs ticks at once, on the caller's thread, with zero
/// lateness, so a whole fax call runs faster than real time and deterministically.
/// </summary>
public sealed class VirtualMediaClock : IMediaClock
{
    private readonly MediaTickHandlerList _handlers = new();

    /// <summary>Ticks run so far (the next tick's index).</summary>
    public long Ticks { get; private set; }

    /// <summary>Virtual time: <see cref="Ticks"/> × 20 ms.</summary>
    public TimeSpan Now => Ticks * AudioFrame.Duration;

    /// <summary>Handler exceptions caught.</summary>
    public long HandlerFaults => _handlers.Faults;

    /// <inheritdoc />
    public IDisposable Register(IMediaTickHandler handler) => _handlers.Add(handler);

    /// <summary>Runs <paramref name="ticks"/> ticks.</summary>
    public void Advance(int ticks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        for (int i = 0; i < ticks; i++)
        {
            var tick = new MediaTick(Ticks, Now, TimeSpan.Zero);
            _handlers.Run(tick);
            Ticks++;
        }
    }
}
