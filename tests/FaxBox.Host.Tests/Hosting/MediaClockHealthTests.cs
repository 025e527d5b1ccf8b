using FaxBox.Core;
using FaxBox.Host.Hosting;

namespace FaxBox.Host.Tests.Hosting;

/// <summary><see cref="MediaClockHealth"/>: the watchdog pings while the media clock ticks and stops when it stalls.</summary>
public sealed class MediaClockHealthTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Healthy_while_ticks_come_and_unhealthy_once_they_stop_for_the_stall_limit()
    {
        var health = new MediaClockHealth(_clock, TimeSpan.FromSeconds(1));
        Assert.True(health.IsHealthy());

        for (var i = 0; i < 100; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(20));
            health.OnTick(new MediaTick(i, TimeSpan.FromMilliseconds(20 * i), TimeSpan.Zero));
            Assert.True(health.IsHealthy());
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(health.IsHealthy());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(health.IsHealthy());
        health.OnTick(new MediaTick(100, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
        Assert.True(health.IsHealthy());
        Assert.Equal(101, health.Ticks);
    }

    [Fact]
    public void A_clock_that_never_starts_is_unhealthy_after_the_stall_limit()
    {
        var health = new MediaClockHealth(_clock, TimeSpan.FromSeconds(1));

        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.False(health.IsHealthy());
    }

    [Fact]
    public void The_systemd_watchdog_stops_pinging_when_the_media_clock_stalls()
    {
        using var systemd = NotifySocketListener.AtPath();
        using var notifier = new SystemdNotifier(systemd.NotifySocket, "10000000", null, Environment.ProcessId, _clock, new ListLogger());
        var health = new MediaClockHealth(_clock);
        notifier.StartWatchdog(health.IsHealthy);

        // 5 s of ticks: one ping at 5 s (half of WATCHDOG_USEC).
        for (var i = 0; i < 250; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(20));
            health.OnTick(new MediaTick(i, TimeSpan.Zero, TimeSpan.Zero));
        }

        Assert.Equal("WATCHDOG=1", systemd.Receive());

        // The media thread hangs: no ping at 10 s or 15 s, so systemd's 10 s timeout runs out.
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, systemd.Pending);
        Assert.Equal(1, notifier.WatchdogPings);
    }

    [Fact]
    public void A_parked_clock_is_healthy_while_its_heartbeat_comes_and_never_keeps_the_clock_from_parking()
    {
        var health = new MediaClockHealth(_clock, TimeSpan.FromSeconds(1));
        Assert.True(health.CanPark);

        // An idle box: no ticks for a minute, a parked heartbeat every 500 ms.
        for (var i = 0; i < 120; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            health.OnParkedHeartbeat(TimeSpan.FromMilliseconds(500 * i));
            Assert.True(health.IsHealthy());
        }

        // The parked thread stops answering (it is stuck, not parked): unhealthy after the stall limit.
        _clock.Advance(TimeSpan.FromMilliseconds(1001));
        Assert.False(health.IsHealthy());
        Assert.Equal(0, health.Ticks);
    }
}
