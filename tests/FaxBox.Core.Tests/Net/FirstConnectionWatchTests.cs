using System.Net;
using System.Net.Sockets;
using FaxBox.Core.Net;

namespace FaxBox.Core.Tests.Net;

/// <summary>The watch fires once when a connection waits on a listener (which stays un-accepted for the server it starts), and never after Dispose.</summary>
public sealed class FirstConnectionWatchTests
{
    [Fact]
    public async Task A_waiting_connection_fires_the_action_once_and_stays_in_the_backlog_for_the_duplicated_handle()
    {
        using var listener = Listen();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        using var watch = new FirstConnectionWatch([listener], () =>
        {
            Interlocked.Increment(ref count);
            fired.TrySetResult();
        }, "test watch");
        Assert.False(watch.Fired);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(watch.Fired);
        Assert.Equal(1, count);

        // The connection is still waiting: a server given a duplicate of the listener accepts it.
        using var server = new Socket(new SafeSocketHandle((nint)ListenerHandles.Duplicate(listener), ownsHandle: true));
        using var accepted = await server.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await client.SendAsync(new byte[] { 42 });
        var received = new byte[1];
        Assert.Equal(1, await accepted.ReceiveAsync(received.AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(42, received[0]);
    }

    [Fact]
    public void Dispose_ends_the_watch_without_firing()
    {
        using var listener = Listen();
        var count = 0;
        var watch = new FirstConnectionWatch([listener], () => Interlocked.Increment(ref count), "test watch");
        watch.Dispose();
        watch.Dispose();
        Assert.False(watch.Fired);
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Datagrams_from_another_process_to_the_wake_socket_neither_end_nor_fire_the_watch()
    {
        // The watch used to drop stray datagrams and give up after 10 000 of them: any local user could then keep the
        // admin site and the local API from ever starting. Its wake socket now hears only its own waker.
        using var listener = Listen();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = new FirstConnectionWatch([listener], () => fired.TrySetResult(), "test watch");
        using (var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            stranger.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            for (var i = 0; i < 12_000; i++)
            {
                _ = stranger.SendTo([1], watch.WakeEndPoint);
            }
        }

        Assert.False(watch.Fired);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(watch.Fired);
    }

    private static Socket Listen()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen();
        return socket;
    }
}
