using System.Net;
using System.Net.Sockets;

namespace FaxBox.Sip.Tests.Transport;

/// <summary>A raw TCP peer that writes exact byte chunks and reads with bounded waits.</summary>
internal sealed class StreamTestPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public static async Task<StreamTestPeer> ConnectAsync(IPEndPoint to)
    {
        var peer = new StreamTestPeer();
        await peer._socket.ConnectAsync(to);
        return peer;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public async Task WriteAsync(byte[] bytes) => await _socket.SendAsync(bytes);

    /// <summary>Reads what arrives within the wait; an empty array means the peer closed.</summary>
    public async Task<byte[]> ReadAsync(TimeSpan? wait = null)
    {
        byte[] buffer = new byte[8192];
        using var cts = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(10));
        int n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        return buffer[..n];
    }

    public void Dispose() => _socket.Dispose();
}
