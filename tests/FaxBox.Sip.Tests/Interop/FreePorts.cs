using System.Net;
using System.Net.Sockets;

namespace FaxBox.Sip.Tests.Interop;

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
}
