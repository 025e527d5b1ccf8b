using System.Collections.Concurrent;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using FaxBox.LineInterface.Simulated;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Tests.Gateway;

/// <summary>
/// The call status in the feed follows the media: the switch to T.38 is applied by the media thread a tick after the
/// re-INVITE asks for it, and the feed must still show it (MQTT, the admin page and <c>faxbox demo</c> present it).
/// </summary>
public sealed class GatewayCallStatusTests : IDisposable
{
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Both_boxes_publish_the_call_s_switch_to_T38()
    {
        var optionsB = GatewayBox.Options("boxb", null);
        await using var b = GatewayBox.Create(optionsB, GatewayFaxTests.Receiver(), Media(optionsB), Path.Combine(_work.Path, "b"));
        var optionsA = GatewayBox.Options("boxa", b.SipHostPort, number: "101");
        await using var a = GatewayBox.Create(optionsA, GatewayFaxTests.Sender("201", 1), Media(optionsA), Path.Combine(_work.Path, "a"));
        var seen = new ConcurrentQueue<(string Box, CallMediaMode Mode)>();
        a.Status.Changed += (_, c) => Record("a", c, seen);
        b.Status.Changed += (_, c) => Record("b", c, seen);
        var sender = a.Simulation.FaxMachines["fxs0"];
        var receiver = b.Simulation.FaxMachines["fxs0"];

        Assert.True(
            await GatewayBox.Run(() => sender.State == VirtualFaxState.Finished && receiver.State == VirtualFaxState.Finished && a.Status.Current.RecentFaxes.Length == 1 && b.Status.Current.RecentFaxes.Length == 1, TimeSpan.FromMinutes(10), a, b),
            $"sender {sender.State}, receiver {receiver.State}");

        Assert.Equal(CallMediaMode.T38, b.Status.Current.RecentFaxes[0].Mode);
        Assert.Contains(("a", CallMediaMode.T38), seen);
        Assert.Contains(("b", CallMediaMode.T38), seen);
    }

    private static CallMediaFactory Media(GatewayOptions options) => new(options.Media, Native.Engine, NullLoggerFactory.Instance);

    private static void Record(string box, StatusChange change, ConcurrentQueue<(string, CallMediaMode)> seen)
    {
        if (change.Kind == StatusChangeKind.Call && change.Snapshot.Calls.FirstOrDefault(c => c.CallId == change.Key) is { } call)
        {
            seen.Enqueue((box, call.Media));
        }
    }
}
