using System.Net;
using FaxBox.Media.Net;

namespace FaxBox.Media.Tests.Support;

/// <summary>Loopback helpers: a port allocator on 127.0.0.1 and a bounded wait that polls instead of sleeping.</summary>
public static class Loopback
{
    public static MediaPortAllocator Ports() => new(new MediaPortRange { MinPort = 20000, MaxPort = 60999 }, IPAddress.Loopback);

    /// <summary>Calls <paramref name="poll"/> until <paramref name="done"/> holds; fails after 5 s.</summary>
    public static void Until(Action poll, Func<bool> done, string what)
    {
        bool ok = SpinWait.SpinUntil(() => { poll(); return done(); }, TimeSpan.FromSeconds(5));
        Assert.True(ok, $"timed out waiting for {what}");
    }
}
