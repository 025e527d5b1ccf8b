using FaxBox.Core;

namespace FaxBox.Host.Appliance;

/// <summary>
/// The demo's simulated time: the media ticks the two boxes have run (× 20 ms), counted from the start. It stamps both
/// boxes' status feeds and fax records, so durations read as the call would take on a real line however fast the demo
/// runs. Timers (the gateway's T.38 negotiation timeout) stay on the system clock: they guard against a silent peer,
/// and loopback SIP answers in wall-clock time.
/// </summary>
internal sealed class DemoClock : TimeProvider, IMediaTickHandler
{
    private readonly DateTimeOffset _origin;
    private long _elapsedTicks;

    /// <summary>Starts at zero simulated time; <see cref="GetUtcNow"/> counts from <paramref name="origin"/>.</summary>
    public DemoClock(DateTimeOffset origin) => _origin = origin;

    /// <summary>Simulated time since the start (the due time of the last tick). Read from any thread.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Volatile.Read(ref _elapsedTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _origin + Elapsed;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);

    /// <summary>Register first on the clock that ticks the boxes.</summary>
    public void OnTick(in MediaTick tick) => Volatile.Write(ref _elapsedTicks, tick.Due.Ticks);
}
