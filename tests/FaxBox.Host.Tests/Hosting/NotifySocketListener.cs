using System.Net.Sockets;
using System.Text;

namespace FaxBox.Host.Tests.Hosting;

/// <summary>Plays systemd's side of sd_notify: a real AF_UNIX datagram socket, bound to a path in a temp folder or to an abstract name.</summary>
internal sealed class NotifySocketListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly TempFolder? _folder;

    private NotifySocketListener(string notifySocket, string bindPath, TempFolder? folder)
    {
        NotifySocket = notifySocket;
        _folder = folder;
        _socket.Bind(new UnixDomainSocketEndPoint(bindPath));
        _socket.ReceiveTimeout = 10_000;
    }

    /// <summary>The value for NOTIFY_SOCKET.</summary>
    public string NotifySocket { get; }

    public static NotifySocketListener AtPath()
    {
        var folder = TestPaths.NewTempFolder();
        var path = folder.File("notify");
        return new NotifySocketListener(path, path, folder);
    }

    public static NotifySocketListener Abstract()
    {
        var name = "faxbox-test-" + Guid.NewGuid().ToString("N")[..12];
        return new NotifySocketListener("@" + name, "\0" + name, null);
    }

    /// <summary>Datagrams queued and not yet received (a sent datagram is queued before SendTo returns).</summary>
    public int Pending => _socket.Available;

    /// <summary>The next datagram; fails after 10 s.</summary>
    public string Receive()
    {
        var buffer = new byte[4096];
        var n = _socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    public void Dispose()
    {
        _socket.Dispose();
        _folder?.Dispose();
    }
}
