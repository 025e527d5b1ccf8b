using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18): one socket; every datagram is one message. Keep-alive datagrams (only CR/LF bytes, the
/// CRLF keep-alive some UAs send) and STUN packets (first byte 0 or 1, RFC 5626 §4.4.2) are not handed on; datagrams
/// larger than <see cref="SipTransportOptions.MaxMessageSize"/> are dropped and logged.
/// </summary>
public sealed partial class UdpSipTransport : ISipTransport
{
    private const int MaxDatagram = 65_535;

    private readonly Socket _socket;
    private readonly SipTransportOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _receiveLoop = Task.CompletedTask;
    private int _started;

    private readonly Core.Capture.PacketTap? _tap;

    private UdpSipTransport(Socket socket, SipTransportOptions options, ILogger logger, Core.Capture.PacketTap? tap)
    {
        _socket = socket;
        _options = options;
        _tap = tap;
        _logger = logger;
        LocalEndPoint = new SipEndPoint(SipTransportProtocol.Udp, (IPEndPoint)socket.LocalEndPoint!);
    }

    public SipTransportProtocol Protocol => SipTransportProtocol.Udp;

    public SipEndPoint LocalEndPoint { get; }

    /// <summary>
    /// Binds a UDP socket to <paramref name="local"/> (port 0 picks a free port); every datagram sent and received goes
    /// to <paramref name="tap"/> too (a packet capture; free while it does not capture).
    /// </summary>
    public static UdpSipTransport Bind(IPEndPoint local, SipTransportOptions? options = null, ILogger<UdpSipTransport>? logger = null, Core.Capture.PacketTap? tap = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        options ??= new SipTransportOptions();
        options.Validate();
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(local);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new SipTransportException($"cannot bind UDP {local}: {e.Message}", e);
        }

        return new UdpSipTransport(socket, options, (ILogger?)logger ?? NullLogger.Instance, tap);
    }

    public void Start(ISipMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the UDP transport is already started");
        }

        _receiveLoop = Task.Run(() => ReceiveLoopAsync(handler, _stop.Token));
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, IPEndPoint remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (message.Length > _options.MaxMessageSize)
        {
            throw new SipTransportException($"UDP message of {message.Length} bytes to {remote} exceeds the limit of {_options.MaxMessageSize} bytes");
        }

        try
        {
            await _socket.SendToAsync(message, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);
            _tap?.Record(message.Span, LocalEndPoint.Address, remote);
        }
        catch (SocketException e)
        {
            throw new SipTransportException($"UDP send to {remote} failed: {e.SocketErrorCode}", e);
        }
        catch (ObjectDisposedException e)
        {
            throw new SipTransportException($"UDP send to {remote} failed: the transport is closed", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>True for a datagram that is a keep-alive rather than a SIP message: only CR/LF, or a STUN packet.</summary>
    internal static bool IsKeepAlive(ReadOnlySpan<byte> datagram) =>
        datagram.IsEmpty || datagram[0] is 0 or 1 || !datagram.ContainsAnyExcept((byte)'\r', (byte)'\n');

    private async Task ReceiveLoopAsync(ISipMessageHandler handler, CancellationToken cancellationToken)
    {
        byte[] buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram);
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // An ICMP port unreachable from an earlier send, or an oversize datagram: not fatal for the socket.
                LogReceiveError(_logger, e.SocketErrorCode);
                continue;
            }

            var remote = (IPEndPoint)received.RemoteEndPoint;
            var datagram = buffer.AsSpan(0, received.ReceivedBytes);
            _tap?.Record(datagram, remote, LocalEndPoint.Address);
            if (IsKeepAlive(datagram))
            {
                continue;
            }

            if (datagram.Length > _options.MaxMessageSize)
            {
                LogOversize(_logger, datagram.Length, remote, _options.MaxMessageSize);
                continue;
            }

            var message = new SipTransportMessage(datagram.ToArray(), new SipEndPoint(SipTransportProtocol.Udp, remote), LocalEndPoint);
            try
            {
                await handler.OnMessageAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a handler's failure must never stop the transport; it is logged
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogHandlerFailed(_logger, e, remote);
            }
        }
    }
}
