using FaxBox.Core;
using FaxBox.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Fax.SpanDsp.Tests.T30;

/// <summary>The native T.38 terminal and gateway: IFPs out with repeat counts, IFPs in, and the gateway's end of call.</summary>
public sealed class T38Tests
{
    [Fact]
    public void Audio_sender_through_a_gateway_to_a_T38_receiver_delivers_and_the_gateway_ends_after_DCN()
    {
        using var temp = TestPaths.NewTempFolder();
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        var toTerminal = new Queue<byte[]>();
        var toGateway = new Queue<byte[]>();
        var repeats = new List<int>();
        using var sender = engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = TestPaths.SharedFile("captures/test-2p-g3.tif") });
        using var gateway = engine.CreateT38Gateway(new T38GatewayOptions(), new Sink(toTerminal, repeats));
        using var receiver = engine.CreateT38Terminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = temp.File("rx.tif") }, new Sink(toGateway, null));
        var gatewayFrames = new List<T30FrameEventArgs>();
        gateway.Frame += (_, e) => gatewayFrames.Add(e);
        var receiverFrames = new List<T30FrameEventArgs>();
        receiver.Frame += (_, e) => receiverFrames.Add(e);
        ushort seqToTerminal = 0, seqToGateway = 0;
        var a = new short[AudioFrame.Samples];
        var g = new short[AudioFrame.Samples];

        var frames = 0;
        while (!gateway.IsComplete && frames++ < 5000)
        {
            sender.TransmitAudio(a);
            gateway.TransmitAudio(g);
            sender.ReceiveAudio(g);
            gateway.ReceiveAudio(a);
            receiver.Tick();
            while (toTerminal.TryDequeue(out var ifp))
            {
                receiver.ReceiveIfp(ifp, seqToTerminal++);
            }

            while (toGateway.TryDequeue(out var ifp))
            {
                gateway.ReceiveIfp(ifp, seqToGateway++);
            }
        }

        Assert.True(sender.IsComplete, $"the sender must have finished before the gateway reports the end (frames={frames})");
        Assert.True(sender.Result!.Success, sender.Result.T30Text);
        Assert.True(receiver.Result!.Success, receiver.Result.T30Text);
        Assert.True(gateway.IsComplete);
        Assert.False(gateway.WatchdogFired);
        Assert.Equal(new T38GatewayStatistics(14400, true, 2), gateway.GetStatistics());
        Assert.Contains(gatewayFrames, f => f.Type == T30FrameType.Dcn);
        Assert.Equal(gateway.Packets.Sent, receiver.Packets.Received);
        Assert.Equal(gateway.Packets.SentBytes, receiver.Packets.ReceivedBytes);
        Assert.Equal(receiver.Packets.Sent, gateway.Packets.Received);
        Assert.True(receiver.Packets.ReceivedBytes > 5_000, $"two ECM pages (T.6, sparse text) of image data crossed as IFPs, got {receiver.Packets.ReceivedBytes} bytes");
        Assert.Contains(3, repeats); // indicators are asked to be sent more than once
        Assert.Contains(1, repeats); // image data once

        // The terminal reports every ECM image frame, without the page's data (T30Frames.CopyForEvent); control frames
        // whole. (spandsp's gateway reports control frames only.)
        var fcd = receiverFrames.Where(f => f.Frame[2] == T30Frames.FcdFcf).ToList();
        Assert.True(fcd.Count > 10, $"the ECM pages' FCD frames are reported ({fcd.Count})");
        Assert.All(fcd, f => Assert.Equal(T30Frames.FcdHeaderLength, f.Frame.Length));
        Assert.Equal(0, fcd[0].Frame[3]); // the frame number of a partial page's first frame is kept
        Assert.Contains(fcd, f => f.Frame[3] > 0);
        var dcs = Assert.Single(receiverFrames, f => f.Type == T30FrameType.Dcs);
        Assert.True(dcs.Frame.Length >= 6, $"DCS keeps its FIF ({dcs.Frame.Length} octets)");
        Assert.DoesNotContain(gatewayFrames, f => f.Frame[2] == T30Frames.FcdFcf && f.Frame.Length > T30Frames.FcdHeaderLength);
    }

    [Fact]
    public void An_exception_from_the_IFP_sink_surfaces_from_Tick()
    {
        using var temp = TestPaths.NewTempFolder();
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        using var terminal = engine.CreateT38Terminal(
            new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = TestPaths.SharedFile("captures/test-2p-g3.tif") },
            new ThrowingSink());
        var e = Assert.Throws<IOException>(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                terminal.Tick();
            }
        });
        Assert.Equal("socket gone", e.Message);
    }

    [Fact]
    public void The_gateway_watchdog_ends_a_relay_that_never_sees_DCN()
    {
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        using var gateway = engine.CreateT38Gateway(new T38GatewayOptions { Watchdog = TimeSpan.FromSeconds(2) }, new Sink(new Queue<byte[]>(), null));
        var silence = new short[AudioFrame.Samples];
        for (var i = 0; i < 100; i++)
        {
            gateway.ReceiveAudio(silence);
            Assert.False(gateway.IsComplete);
        }

        gateway.ReceiveAudio(silence);
        Assert.True(gateway.IsComplete);
        Assert.True(gateway.WatchdogFired);
    }

    [Fact]
    public void Invalid_T38_version_is_refused()
    {
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        var e = Assert.Throws<ArgumentException>(() => engine.CreateT38Gateway(new T38GatewayOptions { T38 = new T38Options { Version = 4 } }, new Sink(new Queue<byte[]>(), null)));
        Assert.Contains("T38FaxVersion 4", e.Message, StringComparison.Ordinal);
    }

    private sealed class Sink(Queue<byte[]> queue, List<int>? repeats) : IIfpSink
    {
        public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount)
        {
            queue.Enqueue(ifp.ToArray());
            repeats?.Add(repeatCount);
        }
    }

    private sealed class ThrowingSink : IIfpSink
    {
        public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount) => throw new IOException("socket gone");
    }
}
