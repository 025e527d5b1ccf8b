using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using FaxBox.Sip.Dns;

namespace FaxBox.Sip.Tests.Dns;

/// <summary>
/// An authoritative-looking DNS server for tests, on 127.0.0.1 with one free port for UDP and TCP. Answers from its zone
/// list; can truncate UDP answers (forcing TCP), stay silent, or send a stray wrong-id datagram first.
/// </summary>
internal sealed class TestDnsServer : IAsyncDisposable
{
    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    private TestDnsServer(Socket udp, TcpListener tcp)
    {
        _udp = udp;
        _tcp = tcp;
        _udpLoop = Task.Run(UdpLoopAsync);
        _tcpLoop = Task.Run(TcpLoopAsync);
    }

    public List<DnsRecord> Zone { get; } = [];

    /// <summary>Names whose UDP answers come back empty with TC set.</summary>
    public HashSet<string> TruncateOverUdp { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Silent { get; set; }

    public bool SendStrayFirst { get; set; }

    public DnsResponseCode? ForcedCode { get; set; }

    /// <summary>Whether SRV answers carry the targets' addresses in the additional section.</summary>
    public bool Glue { get; set; } = true;

    public ConcurrentQueue<(string Name, DnsRecordType Type, bool Tcp)> Queries { get; } = new();

    public IPEndPoint EndPoint => (IPEndPoint)_udp.LocalEndPoint!;

    public static TestDnsServer Start()
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var tcp = new TcpListener(IPAddress.Loopback, ((IPEndPoint)udp.LocalEndPoint!).Port);
            try
            {
                tcp.Start();
                return new TestDnsServer(udp, tcp);
            }
            catch (SocketException)
            {
                udp.Dispose();
            }
        }

        throw new InvalidOperationException("no free port for both UDP and TCP on 127.0.0.1 after 20 tries");
    }

    public DnsClient Client(TimeSpan? timeout = null)
    {
        var options = new DnsClientOptions { Timeout = timeout ?? TimeSpan.FromSeconds(2), Attempts = 1 };
        options.Servers.Add(EndPoint);
        return new DnsClient(options);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        await Task.WhenAll(_udpLoop, _tcpLoop);
        _stop.Dispose();
    }

    private byte[] Answer(DnsMessage query, bool overTcp)
    {
        Queries.Enqueue((query.QuestionName, query.QuestionType, overTcp));
        if (ForcedCode is { } code)
        {
            return DnsMessageCodec.Encode(query with { IsResponse = true, ResponseCode = code });
        }

        if (!overTcp && TruncateOverUdp.Contains(query.QuestionName))
        {
            return DnsMessageCodec.Encode(query with { IsResponse = true, Truncated = true });
        }

        var answers = Zone.Where(r => r.Type == query.QuestionType && string.Equals(r.Name, query.QuestionName, StringComparison.OrdinalIgnoreCase)).ToList();
        bool exists = Zone.Any(r => string.Equals(r.Name, query.QuestionName, StringComparison.OrdinalIgnoreCase));
        var additional = Glue
            ? answers.OfType<DnsSrvRecord>().SelectMany(s => Zone.OfType<DnsAddressRecord>().Where(a => string.Equals(a.Name, s.Target, StringComparison.OrdinalIgnoreCase))).Cast<DnsRecord>().ToList()
            : [];
        return DnsMessageCodec.Encode(query with
        {
            IsResponse = true,
            ResponseCode = exists ? DnsResponseCode.NoError : DnsResponseCode.NxDomain,
            Answers = answers,
            Additional = additional,
        });
    }

    private async Task UdpLoopAsync()
    {
        byte[] buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var query = DnsMessageCodec.Decode(buffer.AsSpan(0, received.ReceivedBytes));
            if (Silent)
            {
                Queries.Enqueue((query.QuestionName, query.QuestionType, false));
                continue;
            }

            if (SendStrayFirst)
            {
                await _udp.SendToAsync(DnsMessageCodec.Encode(query with { Id = (ushort)(query.Id + 1), IsResponse = true, Answers = [new DnsAddressRecord(query.QuestionName, 60, IPAddress.Parse("192.0.2.66"))] }), received.RemoteEndPoint);
                await _udp.SendToAsync(new byte[] { 1, 2, 3 }, received.RemoteEndPoint);
            }

            await _udp.SendToAsync(Answer(query, overTcp: false), received.RemoteEndPoint);
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _tcp.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            using (client)
            {
                byte[] prefix = new byte[2];
                await client.ReceiveAsync(prefix, SocketFlags.None, _stop.Token);
                byte[] body = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                int filled = 0;
                while (filled < body.Length)
                {
                    filled += await client.ReceiveAsync(body.AsMemory(filled), SocketFlags.None, _stop.Token);
                }

                byte[] answer = Answer(DnsMessageCodec.Decode(body), overTcp: true);
                byte[] framed = new byte[answer.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)answer.Length);
                answer.CopyTo(framed, 2);
                await client.SendAsync(framed, SocketFlags.None);
            }
        }
    }
}
