using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FaxBox.Testing.Interop;

/// <summary>
/// A media port block for a sipp replay (its <c>-mp</c>) whose T.38 port is held open. The replay scenarios announce
/// UDPTL on <c>[media_port+4]</c> and play the recorded UDPTL from there through a raw socket, but sipp never binds that
/// port: every datagram the box sends there comes back as ICMP port unreachable, which the box's terminal rightly takes
/// for a far end that died (TerminalCall's dead-peer check) once the recording is quiet for a few seconds. A real Asterisk
/// keeps its port open; so does this: a UDP socket bound to <c>[media_port+4]</c> on 127.0.0.1 swallows what the box sends.
/// </summary>
internal sealed class SippMediaPorts : IDisposable
{
    /// <summary>Where the replay scenarios put UDPTL, from sipp's media base port.</summary>
    public const int ImageOffset = 4;

    private readonly Socket _image;

    private SippMediaPorts(int basePort, Socket image)
    {
        BasePort = basePort;
        _image = image;
    }

    /// <summary>sipp's <c>-mp</c>.</summary>
    public int BasePort { get; }

    /// <summary>The <c>-mp</c> argument pair for sipp.</summary>
    public IEnumerable<string> Arguments => ["-mp", BasePort.ToString(CultureInfo.InvariantCulture)];

    /// <summary>Datagrams the box sent to the replay's UDPTL port so far (drained on each read; bounded).</summary>
    public int DrainImage()
    {
        var buffer = new byte[2048];
        int n = 0;
        while (_image.Available > 0 && n < 100_000)
        {
            _image.Receive(buffer);
            n++;
        }

        return n;
    }

    /// <summary>Finds a free block (sipp's audio and video ports and the image port) and binds the image port.</summary>
    public static SippMediaPorts Reserve()
    {
        for (int attempt = 0; ; attempt++)
        {
            int basePort = FreePorts.UdpBlock(ImageOffset + 1);
            var image = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
            try
            {
                image.Bind(new IPEndPoint(IPAddress.Loopback, basePort + ImageOffset));
                return new SippMediaPorts(basePort, image);
            }
            catch (SocketException) when (attempt < 20)
            {
                image.Dispose();
            }
        }
    }

    public void Dispose() => _image.Dispose();
}
