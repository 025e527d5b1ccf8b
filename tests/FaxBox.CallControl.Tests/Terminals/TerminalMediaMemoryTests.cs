using System.Net;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Terminals;
using FaxBox.CallControl.Tests.Gateway;
using FaxBox.Fax;
using FaxBox.Media.Net;
using FaxBox.Sip.Sdp;

namespace FaxBox.CallControl.Tests.Terminals;

/// <summary>What a terminal call's media keeps per call: the G.711 jitter buffer (48 KB) only while the call carries audio.</summary>
public sealed class TerminalMediaMemoryTests : IDisposable
{
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void The_G711_jitter_buffer_is_freed_on_the_switch_to_T38_and_made_afresh_on_a_fall_back()
    {
        var ports = new MediaPortAllocator(new MediaPortRange { MinPort = 47_000, MaxPort = 47_999 }, IPAddress.Loopback);
        using var media = new TerminalMedia(Native.Engine, ports, IPAddress.Loopback, (_, _) => { }, _ => { });
        var terminal = new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = Path.Combine(_work.Path, "rx.tif") };
        var fax = new FaxOptions();
        var peer = new IPEndPoint(IPAddress.Loopback, 9);

        media.UseAudio(peer, 0, fax, terminal, watchTones: false);
        Assert.True(media.HoldsJitterBuffer);

        media.UseT38(peer, new T38Session(0, 14_400, T38RateManagement.TransferredTcf, T38ErrorCorrection.Redundancy, 400, 400, false), fax, terminal);
        Assert.Equal(Core.Status.CallMediaMode.T38, media.Mode);
        Assert.False(media.HoldsJitterBuffer);

        media.UseAudio(peer, 0, fax, terminal, watchTones: false);
        Assert.True(media.HoldsJitterBuffer);
    }
}
