using System.Net;
using FaxBox.Admin.Security;

namespace FaxBox.Admin.Tests.Security;

/// <summary>The per-client lock-out, on a fake clock.</summary>
public sealed class LoginThrottleTests
{
    [Fact]
    public void N_failures_lock_one_client_only_for_the_lockout_duration()
    {
        var clock = new ManualTimeProvider();
        var throttle = new LoginThrottle(clock, 3, TimeSpan.FromMinutes(15));
        Assert.Null(throttle.Failed("10.0.0.1"));
        Assert.Null(throttle.Failed("10.0.0.1"));
        var until = throttle.Failed("10.0.0.1");
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(15), until);
        Assert.Equal(until, throttle.LockedUntil("10.0.0.1"));
        Assert.Null(throttle.LockedUntil("10.0.0.2"));
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(throttle.LockedUntil("10.0.0.1"));
        Assert.Null(throttle.Failed("10.0.0.1"));
    }

    [Fact]
    public void Failures_older_than_the_window_are_forgotten_and_a_success_clears_the_count()
    {
        var clock = new ManualTimeProvider();
        var throttle = new LoginThrottle(clock, 3, TimeSpan.FromMinutes(15));
        throttle.Failed("a");
        throttle.Failed("a");
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Null(throttle.Failed("a"));
        Assert.Null(throttle.Failed("a"));
        throttle.Succeeded("a");
        Assert.Null(throttle.Failed("a"));
        Assert.Null(throttle.Failed("a"));
        Assert.NotNull(throttle.Failed("a"));
    }

    [Fact]
    public void Many_clients_are_bounded_in_memory()
    {
        var throttle = new LoginThrottle(new ManualTimeProvider(), 2, TimeSpan.FromMinutes(15));
        for (var i = 0; i < LoginThrottle.MaxClients + 10; i++)
        {
            throttle.Failed("c" + i);
        }

        Assert.NotNull(throttle.Failed("c" + (LoginThrottle.MaxClients + 9)));
        Assert.Null(throttle.Failed("c0"));
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("::1", "::1")]
    public void Clients_are_counted_by_address_and_ipv6_by_its_64(string address, string key) =>
        Assert.Equal(key, LoginThrottle.ClientKey(IPAddress.Parse(address)));
}
