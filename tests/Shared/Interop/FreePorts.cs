using System.Net;
using System.Net.Sockets;

namespace FaxBox.Testing.Interop;

/// <summary>Finds a port free on 127.0.0.1 for both UDP and TCP, for peers that cannot bind port 0 and report it.</summary>
internal static class FreePorts
{
    public static int UdpAndTcp()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no port free for both UDP and TCP on 127.0.0.1 after 50 tries");
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive UDP ports free on 127.0.0.1, for peers that bind a block from a
    /// base port (sipp's <c>-mp</c>: audio on the base, video on base + 2).
    /// </summary>
    public static int UdpBlock(int count)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int port;
            using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                port = ((IPEndPoint)probe.LocalEndPoint!).Port & ~1;
            }

            if (port + count > 65535)
            {
                continue;
            }

            var held = new List<Socket>();
            try
            {
                for (int i = 0; i < count; i++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    held.Add(socket);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, port + i));
                }

                return port;
            }
            catch (SocketException)
            {
            }
            finally
            {
                held.ForEach(socket => socket.Dispose());
            }
        }

        throw new InvalidOperationException($"no {count} consecutive UDP ports free on 127.0.0.1 after 50 tries");
    }
}
