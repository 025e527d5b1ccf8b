using System.Diagnostics;
using FaxBox.Core;
using FaxBox.Host.Hosting;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Tests.Hosting;

/// <summary><see cref="SystemdNotifier"/> against a real AF_UNIX datagram socket playing systemd.</summary>
public sealed class SystemdNotifierTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ListLogger _log = new();

    [Fact]
    public void State_changes_arrive_as_one_datagram_each_in_the_sd_notify_format()
    {
        using var systemd = NotifySocketListener.AtPath();
        using var notifier = Create(systemd.NotifySocket);

        Assert.True(notifier.IsEnabled);
        Assert.True(notifier.Ready("2 ports up"));
        Assert.True(notifier.Status("fax on port 0\nfrom 201"));
        Assert.True(notifier.Stopping());

        Assert.Equal("READY=1\nSTATUS=2 ports up", systemd.Receive());
        Assert.Equal("STATUS=fax on port 0 from 201", systemd.Receive());
        Assert.Equal("STOPPING=1", systemd.Receive());
        Assert.Equal(0, systemd.Pending);
    }

    [Fact]
    public void Reloading_carries_the_clocks_monotonic_time_in_microseconds()
    {
        using var systemd = NotifySocketListener.AtPath();
        using var notifier = Create(systemd.NotifySocket);
        _clock.Advance(TimeSpan.FromSeconds(3.25));

        Assert.True(notifier.Reloading());

        Assert.Equal("RELOADING=1\nMONOTONIC_USEC=3250000", systemd.Receive());
    }

    [Fact]
    public void With_the_system_clock_MONOTONIC_USEC_is_clock_monotonic()
    {
        using var systemd = NotifySocketListener.AtPath();
        using var notifier = new SystemdNotifier(systemd.NotifySocket, null, null, Environment.ProcessId, TimeProvider.System, _log);
        var before = Microseconds(Stopwatch.GetTimestamp());

        notifier.Reloading();
        var after = Microseconds(Stopwatch.GetTimestamp());

        var usec = long.Parse(systemd.Receive().Split('\n')[1]["MONOTONIC_USEC=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(usec, before, after);
        // CLOCK_MONOTONIC counts from boot: it is below the uptime the kernel reports (+1 s for rounding).
        var uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(usec / 1e6, 0, uptime + 1);
    }

    [Fact]
    public void An_abstract_socket_address_starting_with_at_is_reached()
    {
        using var systemd = NotifySocketListener.Abstract();
        using var notifier = Create(systemd.NotifySocket);

        Assert.True(notifier.Ready());

        Assert.Equal("READY=1", systemd.Receive());
    }

    [Fact]
    public void Without_NOTIFY_SOCKET_everything_is_a_quiet_no_op()
    {
        using var notifier = Create(null, watchdogUsec: "30000000");

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Ready());
        Assert.False(notifier.Reloading());
        Assert.Null(notifier.WatchdogInterval);
        Assert.False(notifier.StartWatchdog(() => true));
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public void A_NOTIFY_SOCKET_that_is_neither_path_nor_abstract_turns_notifications_off_with_a_warning()
    {
        using var notifier = Create("vsock:2:1234");

        Assert.False(notifier.IsEnabled);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.EventId == LogEventIds.Host + 110 && e.Message.Contains("vsock:2:1234", StringComparison.Ordinal));
    }

    [Fact]
    public void A_socket_nobody_listens_on_gives_false_and_a_warning_not_an_exception()
    {
        using var folder = TestPaths.NewTempFolder();
        using var notifier = Create(folder.File("gone"));

        Assert.False(notifier.Ready());
        Assert.Contains(_log.Entries, e => e.EventId == LogEventIds.Host + 112 && e.Message.Contains("READY=1", StringComparison.Ordinal));
    }

    [Fact]
    public void The_watchdog_pings_at_half_the_interval_only_while_healthy()
    {
        using var systemd = NotifySocketListener.AtPath();
        using var notifier = Create(systemd.NotifySocket, watchdogUsec: "30000000");
        var healthy = true;

        Assert.Equal(TimeSpan.FromSeconds(30), notifier.WatchdogInterval);
        Assert.True(notifier.StartWatchdog(() => healthy));
        _clock.Advance(TimeSpan.FromSeconds(14.9));
        Assert.Equal(0, systemd.Pending);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("WATCHDOG=1", systemd.Receive());
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("WATCHDOG=1", systemd.Receive());

        healthy = false;
        _clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(0, systemd.Pending);
        Assert.Equal(2, notifier.WatchdogPings);
        Assert.Single(_log.Entries, e => e.Level == LogLevel.Error && e.EventId == LogEventIds.Host + 114);

        healthy = true;
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("WATCHDOG=1", systemd.Receive());
        Assert.Equal(3, notifier.WatchdogPings);
        Assert.Contains(_log.Entries, e => e.EventId == LogEventIds.Host + 115);
    }

    [Fact]
    public void A_health_check_that_throws_counts_as_unhealthy()
    {
        using var systemd = NotifySocketListener.AtPath();
        using var notifier = Create(systemd.NotifySocket, watchdogUsec: "2000000");
        notifier.StartWatchdog(() => throw new InvalidOperationException("media clock gone"));

        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(0, systemd.Pending);
        Assert.Contains(_log.Entries, e => e.EventId == LogEventIds.Host + 116);
    }

    [Theory]
    [InlineData("1000", true)]
    [InlineData("999", false)]
    [InlineData(null, true)]
    public void The_watchdog_is_ours_only_when_WATCHDOG_PID_is_unset_or_this_process(string? pid, bool ours)
    {
        using var notifier = new SystemdNotifier("/run/systemd/notify", "5000000", pid, 1000, _clock, _log);

        Assert.Equal(ours ? TimeSpan.FromSeconds(5) : null, notifier.WatchdogInterval);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("30s")]
    public void A_WATCHDOG_USEC_that_is_not_a_positive_number_turns_the_watchdog_off_with_a_warning(string usec)
    {
        using var notifier = Create("/run/systemd/notify", watchdogUsec: usec);

        Assert.True(notifier.IsEnabled);
        Assert.Null(notifier.WatchdogInterval);
        Assert.Contains(_log.Entries, e => e.EventId == LogEventIds.Host + 111 && e.Message.Contains(usec, StringComparison.Ordinal));
    }

    [Fact]
    public void After_dispose_the_watchdog_stops_and_sends_return_false()
    {
        using var systemd = NotifySocketListener.AtPath();
        var notifier = Create(systemd.NotifySocket, watchdogUsec: "2000000");
        notifier.StartWatchdog(() => true);

        notifier.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, systemd.Pending);
        Assert.False(notifier.Ready());
        Assert.Equal(0, _clock.ActiveTimers);
    }

    private static long Microseconds(long timestamp) => (long)(timestamp / (Stopwatch.Frequency / 1e6));

    private SystemdNotifier Create(string? socket, string? watchdogUsec = null) =>
        new(socket, watchdogUsec, null, Environment.ProcessId, _clock, _log);
}
