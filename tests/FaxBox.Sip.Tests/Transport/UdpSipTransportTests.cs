using System.Net;
using System.Net.Sockets;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Transport;

public sealed class UdpSipTransportTests
{
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);

    [Fact]
    public async Task Round_trip_between_two_sockets_reports_both_ends()
    {
        await using var a = UdpSipTransport.Bind(Loopback);
        await using var b = UdpSipTransport.Bind(Loopback);
        var atA = new CollectingHandler();
        var atB = new CollectingHandler();
        a.Start(atA);
        b.Start(atB);

        string request = TestMessages.Options(1);
        await a.SendAsync(TestMessages.Bytes(request), b.LocalEndPoint.Address, CancellationToken.None);
        var received = await atB.NextAsync();
        Assert.Equal(request, System.Text.Encoding.ASCII.GetString(received.Data.Span));
        Assert.Equal(new SipEndPoint(SipTransportProtocol.Udp, a.LocalEndPoint.Address), received.Remote);
        Assert.Equal(b.LocalEndPoint, received.Local);
        Assert.NotEqual(0, a.LocalEndPoint.Address.Port);

        await b.SendAsync(TestMessages.Bytes("SIP/2.0 200 OK\r\n\r\n"), received.Remote.Address, CancellationToken.None);
        Assert.StartsWith("SIP/2.0 200 OK", await atA.NextTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keep_alive_and_stun_datagrams_are_not_handed_on()
    {
        await using var box = UdpSipTransport.Bind(Loopback);
        var handler = new CollectingHandler();
        box.Start(handler);
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await peer.SendToAsync("\r\n\r\n"u8.ToArray(), box.LocalEndPoint.Address);
        await peer.SendToAsync("\r\n"u8.ToArray(), box.LocalEndPoint.Address);
        await peer.SendToAsync(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42 }, box.LocalEndPoint.Address);
        await peer.SendToAsync(TestMessages.Bytes(TestMessages.Options(2)), box.LocalEndPoint.Address);

        Assert.Contains("CSeq: 2 OPTIONS", await handler.NextTextAsync(), StringComparison.Ordinal);
        Assert.False(handler.TryTake(out _));
    }

    [Fact]
    public async Task Oversize_datagram_is_dropped_and_the_next_one_still_arrives()
    {
        await using var box = UdpSipTransport.Bind(Loopback, new SipTransportOptions { MaxMessageSize = 1000, MaxHeaderSize = 500 });
        var handler = new CollectingHandler();
        box.Start(handler);
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await peer.SendToAsync(TestMessages.Bytes(TestMessages.Options(1, new string('x', 1500))), box.LocalEndPoint.Address);
        await peer.SendToAsync(TestMessages.Bytes(TestMessages.Options(2)), box.LocalEndPoint.Address);

        Assert.Contains("CSeq: 2 OPTIONS", await handler.NextTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_an_oversize_message_throws_a_transport_error()
    {
        await using var box = UdpSipTransport.Bind(Loopback, new SipTransportOptions { MaxMessageSize = 1000, MaxHeaderSize = 500 });
        var e = await Assert.ThrowsAsync<SipTransportException>(async () =>
            await box.SendAsync(new byte[1001], new IPEndPoint(IPAddress.Loopback, 9), CancellationToken.None));
        Assert.Contains("exceeds the limit of 1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_handler_does_not_stop_the_transport()
    {
        await using var a = UdpSipTransport.Bind(Loopback);
        await using var b = UdpSipTransport.Bind(Loopback);
        int calls = 0;
        var handler = new CollectingHandler { OnEach = _ => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask };
        b.Start(handler);
        a.Start(new CollectingHandler());
        await a.SendAsync(TestMessages.Bytes(TestMessages.Options(1)), b.LocalEndPoint.Address, CancellationToken.None);
        await handler.NextAsync();
        await a.SendAsync(TestMessages.Bytes(TestMessages.Options(2)), b.LocalEndPoint.Address, CancellationToken.None);
        Assert.Contains("CSeq: 2", await handler.NextTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keep_alive_sender_sends_crlf_on_the_injected_clock()
    {
        var clock = new ManualTimeProvider();
        await using var box = UdpSipTransport.Bind(Loopback);
        box.Start(new CollectingHandler());
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(Loopback);
        await using var sender = new SipKeepAliveSender(box, (IPEndPoint)peer.LocalEndPoint!, TimeSpan.FromSeconds(20), time: clock);

        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, sender.Sent);
        clock.Advance(TimeSpan.FromSeconds(1));
        byte[] buffer = new byte[64];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int n = await peer.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        Assert.Equal("\r\n\r\n"u8.ToArray(), buffer[..n]);
        Assert.True(await TestMessages.EventuallyAsync(() => sender.Sent == 1));
    }
}
