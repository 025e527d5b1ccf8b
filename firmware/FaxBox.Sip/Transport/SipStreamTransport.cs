using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Sip.Transport;

/// <summary>
/// SIP over TCP or TLS (RFC 3261 §18, §26.2): a listener and the connections accepted or opened, one per peer address
/// and reused for every message to that peer (RFC 3261 §18.1.1, §18.2.2). Each connection frames its stream by
/// Content-Length, answers and sends keep-alives and closes when idle (<see cref="SipTransportOptions"/>).
/// </summary>
public sealed partial class SipStreamTransport : ISipTransport
{
    private readonly Socket _listener;
    private readonly SipTransportOptions _options;
    private readonly SipTlsOptions? _tls;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<IPEndPoint, SipStreamConnection> _connections = new();
    private readonly ConcurrentDictionary<IPEndPoint, Lazy<Task<SipStreamConnection>>> _connecting = new();
    private readonly ConcurrentDictionary<IPEndPoint, string> _targetHosts = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private ISipMessageHandler? _handler;
    private Task _acceptLoop = Task.CompletedTask;

    private SipStreamTransport(Socket listener, SipTransportProtocol protocol, SipTransportOptions options, SipTlsOptions? tls, TimeProvider time, ILogger logger)
    {
        _listener = listener;
        Protocol = protocol;
        _options = options;
        _tls = tls;
        _time = time;
        _logger = logger;
        LocalEndPoint = new SipEndPoint(protocol, (IPEndPoint)listener.LocalEndPoint!);
    }

    public SipTransportProtocol Protocol { get; }

    public SipEndPoint LocalEndPoint { get; }

    /// <summary>How many connections are open now (accepted and opened).</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>CRLF pongs received on the open connections (for tests and diagnostics).</summary>
    internal int PongsReceived => _connections.Values.Sum(c => c.PongsReceived);

    /// <summary>Binds a TCP listener to <paramref name="local"/> (port 0 picks a free port).</summary>
    public static SipStreamTransport BindTcp(IPEndPoint local, SipTransportOptions? options = null, TimeProvider? time = null, ILogger<SipStreamTransport>? logger = null) =>
        Bind(local, SipTransportProtocol.Tcp, options, null, time, logger);

    /// <summary>Binds a TLS listener to <paramref name="local"/> (port 0 picks a free port).</summary>
    public static SipStreamTransport BindTls(IPEndPoint local, SipTlsOptions tls, SipTransportOptions? options = null, TimeProvider? time = null, ILogger<SipStreamTransport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return Bind(local, SipTransportProtocol.Tls, options, tls, time, logger);
    }

    /// <summary>
    /// Names the host expected in the certificate of the TLS peer at <paramref name="remote"/> (the SIP domain or SRV
    /// target that resolved to it, RFC 5922 §4); also sent as SNI.
    /// </summary>
    public void SetTargetHost(IPEndPoint remote, string host)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        _targetHosts[remote] = host;
    }

    public void Start(ISipMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Interlocked.CompareExchange(ref _handler, handler, null) is not null)
        {
            throw new InvalidOperationException($"the {Protocol} transport is already started");
        }

        _acceptLoop = Task.Run(() => AcceptLoopAsync(_stop.Token));
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, IPEndPoint remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (message.Length > _options.MaxMessageSize)
        {
            throw new SipTransportException($"{Protocol} message of {message.Length} bytes to {remote} exceeds the limit of {_options.MaxMessageSize} bytes");
        }

        var connection = await GetOrConnectAsync(remote, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _acceptLoop.ConfigureAwait(false);
            await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static SipStreamTransport Bind(IPEndPoint local, SipTransportProtocol protocol, SipTransportOptions? options, SipTlsOptions? tls, TimeProvider? time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(local);
        options ??= new SipTransportOptions();
        options.Validate();
        var listener = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(local);
            listener.Listen(64);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new SipTransportException($"cannot listen on {protocol.ToString().ToUpperInvariant()} {local}: {e.Message}", e);
        }

        return new SipStreamTransport(listener, protocol, options, tls, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                LogAcceptFailed(_logger, Protocol, e.SocketErrorCode);
                continue;
            }

            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            if (_connections.Count >= _options.MaxConnections)
            {
                LogConnectionRefused(_logger, remote, _options.MaxConnections);
                socket.Dispose();
                continue;
            }

            Track(AcceptOneAsync(socket, remote, cancellationToken));
        }
    }

    private async Task AcceptOneAsync(Socket socket, IPEndPoint remote, CancellationToken cancellationToken)
    {
        SipStreamConnection connection;
        try
        {
            connection = await OpenStreamAsync(socket, remote, outbound: false, cancellationToken).ConfigureAwait(false);
        }
        catch (SipTransportException e)
        {
            LogHandshakeFailed(_logger, remote, e.Message);
            socket.Dispose();
            return;
        }

        await RunAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SipStreamConnection> GetOrConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        if (_handler is null)
        {
            throw new InvalidOperationException($"start the {Protocol} transport before sending");
        }

        while (true)
        {
            if (_connections.TryGetValue(remote, out var existing) && !existing.Closed.IsCancellationRequested)
            {
                return existing;
            }

            var attempt = _connecting.GetOrAdd(remote, r => new Lazy<Task<SipStreamConnection>>(() => ConnectAsync(r)));
            try
            {
                return await attempt.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (attempt.Value.IsCompleted)
                {
                    _connecting.TryRemove(new KeyValuePair<IPEndPoint, Lazy<Task<SipStreamConnection>>>(remote, attempt));
                }
            }
        }
    }

    private async Task<SipStreamConnection> ConnectAsync(IPEndPoint remote)
    {
        if (_connections.Count >= _options.MaxConnections)
        {
            throw new SipTransportException($"cannot open a {Protocol} connection to {remote}: {_options.MaxConnections} connections are open (MaxConnections)");
        }

        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            string why = e is SocketException se ? se.SocketErrorCode.ToString() : $"no answer within {_options.ConnectTimeout}";
            throw new SipTransportException($"cannot open a {Protocol} connection to {remote}: {why}", e);
        }

        SipStreamConnection connection;
        try
        {
            connection = await OpenStreamAsync(socket, remote, outbound: true, _stop.Token).ConfigureAwait(false);
        }
        catch (SipTransportException)
        {
            socket.Dispose();
            throw;
        }

        Track(RunAsync(connection, _stop.Token));
        return connection;
    }

    private async Task<SipStreamConnection> OpenStreamAsync(Socket socket, IPEndPoint remote, bool outbound, CancellationToken cancellationToken)
    {
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        if (_tls is not null)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ConnectTimeout);
            try
            {
                if (outbound)
                {
                    string host = _targetHosts.TryGetValue(remote, out var named) ? named : _tls.TargetHost ?? remote.Address.ToString();
                    await ssl.AuthenticateAsClientAsync(
                        new SslClientAuthenticationOptions
                        {
                            TargetHost = host,
                            EnabledSslProtocols = _tls.Protocols,
                            ClientCertificates = _tls.Certificate is null ? null : [_tls.Certificate],
                            RemoteCertificateValidationCallback = (_, certificate, _, errors) => SipTlsCertificateValidator.Validate(_tls, certificate, errors, peerIsClient: false),
                        },
                        timeout.Token).ConfigureAwait(false);
                }
                else
                {
                    if (_tls.Certificate is null)
                    {
                        throw new SipTransportException("no TLS certificate is configured (FaxBox:Sip:Tls:Certificate); cannot accept TLS connections");
                    }

                    await ssl.AuthenticateAsServerAsync(
                        new SslServerAuthenticationOptions
                        {
                            ServerCertificate = _tls.Certificate,
                            EnabledSslProtocols = _tls.Protocols,
                            ClientCertificateRequired = _tls.RequireClientCertificate,
                            RemoteCertificateValidationCallback = (_, certificate, _, errors) => SipTlsCertificateValidator.Validate(_tls, certificate, errors, peerIsClient: true),
                        },
                        timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or SocketException)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw new SipTransportException($"TLS handshake with {remote} failed: {e.Message}", e);
            }

            stream = ssl;
        }

        var connection = new SipStreamConnection(socket, stream, new SipEndPoint(Protocol, remote), LocalEndPoint, outbound, _options, _time, _logger);
        if (_connections.TryGetValue(remote, out var previous))
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        _connections[remote] = connection;
        LogConnectionOpened(_logger, Protocol, remote, outbound ? "opened" : "accepted");
        return connection;
    }

    private async Task RunAsync(SipStreamConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.RunAsync(_handler!, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(new KeyValuePair<IPEndPoint, SipStreamConnection>(connection.Remote.Address, connection));
            LogConnectionClosed(_logger, Protocol, connection.Remote.Address);
        }
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
