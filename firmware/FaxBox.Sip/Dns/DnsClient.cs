using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Sip.Dns;

/// <summary>
/// A small stub resolver client (RFC 1035 §4.2): the query goes over UDP from a fresh socket with a random id; a
/// truncated answer (TC) is asked again over TCP with the 2-byte length prefix (§4.2.2). An answer counts only when its
/// id, QR bit and question match the query, so a stray or spoofed datagram is ignored. Servers come only from
/// <see cref="DnsClientOptions.Servers"/>.
/// </summary>
public sealed partial class DnsClient : IDnsClient
{
    private const int UdpBufferSize = 4096;

    private readonly DnsClientOptions _options;
    private readonly ILogger _logger;

    public DnsClient(DnsClientOptions options, ILogger<DnsClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Servers.Count == 0)
        {
            throw new ArgumentException("FaxBox:Sip:Dns:Servers is empty: the DNS client needs at least one server", nameof(options));
        }

        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var failures = new List<string>();
        for (int attempt = 0; attempt < Math.Max(1, _options.Attempts); attempt++)
        {
            foreach (var server in _options.Servers)
            {
                ushort id = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
                byte[] query = DnsMessageCodec.EncodeQuery(id, name, type);
                try
                {
                    var answer = await QueryUdpAsync(server, query, id, name, type, cancellationToken).ConfigureAwait(false);
                    if (answer.Truncated)
                    {
                        LogTruncated(_logger, name, type, server);
                        answer = await QueryTcpAsync(server, query, id, name, type, cancellationToken).ConfigureAwait(false);
                    }

                    if (answer.ResponseCode is DnsResponseCode.NoError or DnsResponseCode.NxDomain)
                    {
                        return answer;
                    }

                    failures.Add($"{server}: {answer.ResponseCode}");
                }
                catch (Exception e) when (e is DnsFormatException or SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    string why = e is OperationCanceledException ? $"no answer within {_options.Timeout}" : e.Message;
                    failures.Add($"{server}: {why}");
                    LogServerFailed(_logger, name, type, server, why);
                }
            }
        }

        throw new DnsException($"DNS {type} query for '{name}' failed: {string.Join("; ", failures)}");
    }

    private async Task<DnsMessage> QueryUdpAsync(IPEndPoint server, byte[] query, ushort id, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        await socket.ConnectAsync(server, timeout.Token).ConfigureAwait(false);
        await socket.SendAsync(query, SocketFlags.None, timeout.Token).ConfigureAwait(false);
        byte[] buffer = new byte[UdpBufferSize];
        for (int stray = 0; stray < 16; stray++)
        {
            int received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            DnsMessage answer;
            try
            {
                answer = DnsMessageCodec.Decode(buffer.AsSpan(0, received));
            }
            catch (DnsFormatException e)
            {
                LogMalformed(_logger, server, e.Message);
                continue;
            }

            if (Matches(answer, id, name, type))
            {
                return answer;
            }
        }

        throw new DnsFormatException($"no matching answer from {server} among 16 datagrams");
    }

    private async Task<DnsMessage> QueryTcpAsync(IPEndPoint server, byte[] query, ushort id, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        await socket.ConnectAsync(server, timeout.Token).ConfigureAwait(false);
        byte[] framed = new byte[query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        await socket.SendAsync(framed, SocketFlags.None, timeout.Token).ConfigureAwait(false);

        byte[] prefix = new byte[2];
        await ReceiveExactlyAsync(socket, prefix, server, timeout.Token).ConfigureAwait(false);
        int length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        if (length > _options.MaxResponseSize)
        {
            throw new DnsFormatException($"DNS answer over TCP from {server} of {length} bytes exceeds the limit of {_options.MaxResponseSize}");
        }

        byte[] body = new byte[length];
        await ReceiveExactlyAsync(socket, body, server, timeout.Token).ConfigureAwait(false);
        var answer = DnsMessageCodec.Decode(body);
        return Matches(answer, id, name, type)
            ? answer
            : throw new DnsFormatException($"DNS answer over TCP from {server} does not match the question '{name}' {type}");
    }

    private static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer, IPEndPoint server, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new DnsFormatException($"DNS server {server} closed the TCP connection after {filled} of {buffer.Length} bytes");
            }

            filled += n;
        }
    }

    private static bool Matches(DnsMessage answer, ushort id, string name, DnsRecordType type) =>
        answer.IsResponse && answer.Id == id && answer.QuestionType == type &&
        string.Equals(answer.QuestionName.TrimEnd('.'), name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
