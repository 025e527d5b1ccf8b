using System.Net;
using System.Text;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Transport;

public sealed class TcpSipTransportTests
{
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);

    private static SipTransportOptions Quiet() => new() { KeepAliveInterval = Timeout.InfiniteTimeSpan, IdleTimeout = Timeout.InfiniteTimeSpan };

    [Fact]
    public async Task Request_and_response_reuse_one_connection()
    {
        await using var client = SipStreamTransport.BindTcp(Loopback, Quiet());
        await using var server = SipStreamTransport.BindTcp(Loopback, Quiet());
        var atClient = new CollectingHandler();
        var atServer = new CollectingHandler();
        client.Start(atClient);
        server.Start(atServer);

        for (int i = 1; i <= 3; i++)
        {
            await client.SendAsync(TestMessages.Bytes(TestMessages.Options(i, "body" + i)), server.LocalEndPoint.Address, CancellationToken.None);
            var request = await atServer.NextAsync();
            Assert.EndsWith("body" + i, Encoding.ASCII.GetString(request.Data.Span), StringComparison.Ordinal);
            Assert.Equal(SipTransportProtocol.Tcp, request.Remote.Protocol);
            await server.SendAsync(TestMessages.Bytes($"SIP/2.0 200 OK\r\nCSeq: {i} OPTIONS\r\nContent-Length: 0\r\n\r\n"), request.Remote.Address, CancellationToken.None);
            Assert.Contains($"CSeq: {i} OPTIONS", await atClient.NextTextAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, client.ConnectionCount);
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task Concurrent_sends_to_a_new_peer_open_one_connection_and_keep_messages_whole()
    {
        await using var client = SipStreamTransport.BindTcp(Loopback, Quiet());
        await using var server = SipStreamTransport.BindTcp(Loopback, Quiet());
        var atServer = new CollectingHandler();
        client.Start(new CollectingHandler());
        server.Start(atServer);

        string body = new('b', 3000);
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            client.SendAsync(TestMessages.Bytes(TestMessages.Options(i, body)), server.LocalEndPoint.Address, CancellationToken.None).AsTask()));

        var seen = new HashSet<string>();
        for (int i = 0; i < 20; i++)
        {
            string text = await atServer.NextTextAsync();
            Assert.EndsWith(body, text, StringComparison.Ordinal);
            seen.Add(text.Split("\r\n")[3]);
        }

        Assert.Equal(20, seen.Count);
        Assert.Equal(1, client.ConnectionCount);
    }

    [Fact]
    public async Task Split_and_coalesced_bytes_become_exact_messages()
    {
        await using var server = SipStreamTransport.BindTcp(Loopback, Quiet());
        var handler = new CollectingHandler();
        server.Start(handler);
        using var peer = await StreamTestPeer.ConnectAsync(server.LocalEndPoint.Address);

        string first = TestMessages.Options(1, "abc");
        string second = TestMessages.Options(2, "");
        string third = TestMessages.Options(3, "v=0\r\n");
        byte[] all = TestMessages.Bytes("\r\n" + first + second + third);

        // The first in pieces of 7 bytes, the second and the start of the third in one write, the rest after.
        int splitAt = 2 + first.Length;
        for (int i = 0; i < splitAt; i += 7)
        {
            await peer.WriteAsync(all[i..Math.Min(i + 7, splitAt)]);
        }

        int tail = all.Length - 5;
        await peer.WriteAsync(all[splitAt..tail]);
        Assert.Equal(first, await handler.NextTextAsync());
        Assert.Equal(second, await handler.NextTextAsync());
        Assert.False(handler.TryTake(out _));
        await peer.WriteAsync(all[tail..]);
        Assert.Equal(third, await handler.NextTextAsync());
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        await using var server = SipStreamTransport.BindTcp(Loopback, Quiet());
        server.Start(new CollectingHandler());
        using var peer = await StreamTestPeer.ConnectAsync(server.LocalEndPoint.Address);
        await peer.WriteAsync("\r\n\r\n"u8.ToArray());
        Assert.Equal("\r\n"u8.ToArray(), await peer.ReadAsync());
    }

    [Fact]
    public async Task Oversize_message_closes_the_connection_and_hands_nothing_on()
    {
        await using var server = SipStreamTransport.BindTcp(Loopback, new SipTransportOptions { MaxMessageSize = 2048, MaxHeaderSize = 1024, KeepAliveInterval = Timeout.InfiniteTimeSpan });
        var handler = new CollectingHandler();
        server.Start(handler);
        using var peer = await StreamTestPeer.ConnectAsync(server.LocalEndPoint.Address);
        await peer.WriteAsync(TestMessages.Bytes(TestMessages.Options(1, new string('x', 4000))));
        Assert.Empty(await peer.ReadAsync()); // closed by the box
        Assert.False(handler.TryTake(out _));
        Assert.True(await TestMessages.EventuallyAsync(() => server.ConnectionCount == 0));
    }

    [Fact]
    public async Task Endless_header_section_closes_the_connection()
    {
        await using var server = SipStreamTransport.BindTcp(Loopback, new SipTransportOptions { MaxMessageSize = 2048, MaxHeaderSize = 1024 });
        server.Start(new CollectingHandler());
        using var peer = await StreamTestPeer.ConnectAsync(server.LocalEndPoint.Address);
        await peer.WriteAsync(TestMessages.Bytes("INVITE sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Repeat("X-Pad: 0123456789012345678901234567890\r\n", 40))));
        Assert.Empty(await peer.ReadAsync());
    }

    [Fact]
    public async Task Idle_connection_is_closed_after_the_idle_timeout_on_the_injected_clock()
    {
        var clock = new ManualTimeProvider();
        await using var server = SipStreamTransport.BindTcp(Loopback, new SipTransportOptions { IdleTimeout = TimeSpan.FromMinutes(2) }, clock);
        var handler = new CollectingHandler();
        server.Start(handler);
        using var peer = await StreamTestPeer.ConnectAsync(server.LocalEndPoint.Address);
        await peer.WriteAsync(TestMessages.Bytes(TestMessages.Options(1)));
        await handler.NextAsync();
        Assert.True(await TestMessages.EventuallyAsync(() => clock.ActiveTimers == 1));

        clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(1, server.ConnectionCount);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await peer.ReadAsync());
        Assert.True(await TestMessages.EventuallyAsync(() => server.ConnectionCount == 0));
    }

    [Fact]
    public async Task Opened_connection_pings_and_closes_when_no_pong_comes()
    {
        var clock = new ManualTimeProvider();
        await using var client = SipStreamTransport.BindTcp(Loopback, new SipTransportOptions { KeepAliveInterval = TimeSpan.FromSeconds(30), IdleTimeout = Timeout.InfiniteTimeSpan }, clock);
        client.Start(new CollectingHandler());
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var remote = (IPEndPoint)listener.LocalEndpoint;
        var accept = listener.AcceptSocketAsync();
        await client.SendAsync(TestMessages.Bytes(TestMessages.Options(1)), remote, CancellationToken.None);
        using var silent = await accept;
        byte[] buffer = new byte[4096];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int total = 0;
        while (total < TestMessages.Options(1).Length)
        {
            total += await silent.ReceiveAsync(buffer.AsMemory(total), System.Net.Sockets.SocketFlags.None, cts.Token);
        }

        Assert.True(await TestMessages.EventuallyAsync(() => clock.ActiveTimers == 1));
        clock.Advance(TimeSpan.FromSeconds(30));
        int n = await silent.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, cts.Token);
        Assert.Equal("\r\n\r\n"u8.ToArray(), buffer[..n]);

        Assert.True(await TestMessages.EventuallyAsync(() => clock.ActiveTimers == 1));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await TestMessages.EventuallyAsync(() => client.ConnectionCount == 0));
    }

    [Fact]
    public async Task Opened_connection_stays_when_the_peer_answers_pings()
    {
        var clock = new ManualTimeProvider();
        await using var client = SipStreamTransport.BindTcp(Loopback, new SipTransportOptions { KeepAliveInterval = TimeSpan.FromSeconds(30), IdleTimeout = Timeout.InfiniteTimeSpan }, clock);
        await using var server = SipStreamTransport.BindTcp(Loopback, Quiet());
        client.Start(new CollectingHandler());
        var atServer = new CollectingHandler();
        server.Start(atServer);
        await client.SendAsync(TestMessages.Bytes(TestMessages.Options(1)), server.LocalEndPoint.Address, CancellationToken.None);
        await atServer.NextAsync();

        // Pings at 30 s, 60 s, 90 s; each pong arrives (in real time) before the 10 s pong deadline is checked.
        for (int round = 0; round < 3; round++)
        {
            Assert.True(await TestMessages.EventuallyAsync(() => clock.ActiveTimers == 1));
            clock.Advance(TimeSpan.FromSeconds(round == 0 ? 30 : 20));
            Assert.True(await TestMessages.EventuallyAsync(() => client.PongsReceived == round + 1));
            Assert.True(await TestMessages.EventuallyAsync(() => clock.ActiveTimers == 1));
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(1, client.ConnectionCount);
        await client.SendAsync(TestMessages.Bytes(TestMessages.Options(2)), server.LocalEndPoint.Address, CancellationToken.None);
        Assert.Contains("CSeq: 2", await atServer.NextTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_is_a_transport_error_naming_the_peer()
    {
        await using var client = SipStreamTransport.BindTcp(Loopback, Quiet());
        client.Start(new CollectingHandler());
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closed = (IPEndPoint)probe.LocalEndpoint;
        probe.Stop();
        var e = await Assert.ThrowsAsync<SipTransportException>(async () => await client.SendAsync(TestMessages.Bytes(TestMessages.Options(1)), closed, CancellationToken.None));
        Assert.Contains(closed.ToString(), e.Message, StringComparison.Ordinal);
    }
}
