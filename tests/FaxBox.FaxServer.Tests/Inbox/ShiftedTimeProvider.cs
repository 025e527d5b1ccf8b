namespace FaxBox.FaxServer.Tests.Inbox;

/// <summary>The system clock moved forward by <see cref="Offset"/> (timers still run in real time).</summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
