using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FaxBox.Host.Tests;

/// <summary><c>faxbox sip options URI</c> against a UDP peer on 127.0.0.1 that answers like a PBX, and against silence.</summary>
public sealed class SipOptionsCommandTests
{
    [Fact]
    public async Task Answer_is_printed_with_the_peer_headers()
    {
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)peer.LocalEndPoint!).Port;
        var answering = Task.Run(async () =>
        {
            byte[] buffer = new byte[4096];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var received = await peer.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            string request = Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes);
            string Header(string name) => request.Split("\r\n").First(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            string response = $"SIP/2.0 200 OK\r\n{Header("Via")}\r\n{Header("From")}\r\n{Header("To")};tag=pbx\r\n{Header("Call-ID")}\r\n{Header("CSeq")}\r\n" +
                              "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\nServer: TestPBX 1.0\r\nContent-Length: 0\r\n\r\n";
            await peer.SendToAsync(Encoding.ASCII.GetBytes(response), received.RemoteEndPoint);
            return request;
        });

        var (exit, output, error) = CommandLineRunner.Run("sip", "options", $"sip:127.0.0.1:{port}", "--timeout", "5");
        string request = await answering;
        Assert.True(exit == 0, error);
        Assert.StartsWith("SIP/2.0 200 OK", output, StringComparison.Ordinal);
        Assert.Contains($"from UDP:127.0.0.1:{port}", output, StringComparison.Ordinal);
        Assert.Contains("Server: TestPBX 1.0", output, StringComparison.Ordinal);
        Assert.StartsWith($"OPTIONS sip:127.0.0.1:{port} SIP/2.0", request, StringComparison.Ordinal);
        Assert.Contains(";rport", request, StringComparison.Ordinal);
    }

    [Fact]
    public void Silence_fails_after_the_timeout_naming_the_target()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)silent.LocalEndPoint!).Port;
        var (exit, _, error) = CommandLineRunner.Run("sip", "options", $"sip:127.0.0.1:{port}", "--timeout", "1");
        Assert.Equal(1, exit);
        Assert.Contains($"no answer from sip:127.0.0.1:{port}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mailto:a@b", "is not a sip: or sips: URI")]
    [InlineData("sip:127.0.0.1;transport=sctp", "transport=sctp is not supported")]
    public void Bad_uri_is_a_clear_error(string uri, string expected)
    {
        var (exit, _, error) = CommandLineRunner.Run("sip", "options", uri);
        Assert.Equal(1, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
