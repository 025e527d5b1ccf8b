using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Transport;

/// <summary>
/// One TCP or TLS connection: frames the byte stream into messages with <see cref="SipStreamFramer"/>, answers
/// CRLFCRLF pings with CRLF, sends pings itself on connections this box opened (RFC 5626 §3.5.1, §4.4.1), and closes
/// after <see cref="SipTransportOptions.IdleTimeout"/> without a message. The receive buffer grows on demand up to
/// the message size limit and no further.
/// </summary>
internal sealed partial class SipStreamConnection : IAsyncDisposable
{
    private static readonly byte[] Ping = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly SipTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private long _lastMessageTicks;
    private long _reads;
    private long _readsAtPing;
    private long _lastPingTicks;
    private long _pingOutstandingTicks = -1;
    private int _disposed;
    private int _pongs;

    public SipStreamConnection(Socket socket, Stream stream, SipEndPoint remote, SipEndPoint local, bool outbound, SipTransportOptions options, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _stream = stream;
        Remote = remote;
        Local = local;
        Outbound = outbound;
        _options = options;
        _time = time;
        _logger = logger;
        long now = time.GetTimestamp();
        _lastMessageTicks = now;
        _lastPingTicks = now;
    }

    public SipEndPoint Remote { get; }

    public SipEndPoint Local { get; }

    /// <summary>True when this box opened the connection (it then sends keep-alive pings).</summary>
    public bool Outbound { get; }

    /// <summary>How many CRLF pongs arrived (RFC 5626 §3.5.1).</summary>
    public int PongsReceived => Volatile.Read(ref _pongs);

    /// <summary>Signalled when the connection is closed for any reason.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Reads and frames until the peer closes, the stream fails to frame, or the connection is disposed.</summary>
    public async Task RunAsync(ISipMessageHandler handler, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        var token = linked.Token;
        var maintenance = MaintainAsync(token);
        try
        {
            await ReadLoopAsync(handler, token).ConfigureAwait(false);
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
            try
            {
                await maintenance.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Writes one message; the write lock keeps messages whole when several senders share the connection.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await WriteAsync(message, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastMessageTicks, _time.GetTimestamp());
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _closed.CancelAsync().ConfigureAwait(false);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        try
        {
            await _writeLock.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            throw new SipTransportException($"connection to {Remote} is closed");
        }

        try
        {
            await _stream.WriteAsync(bytes, linked.Token).ConfigureAwait(false);
            await _stream.FlushAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException || (e is OperationCanceledException && _closed.IsCancellationRequested))
        {
            await CloseAsync().ConfigureAwait(false);
            throw new SipTransportException($"send to {Remote} failed: {e.Message}", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync(ISipMessageHandler handler, CancellationToken token)
    {
        int capacityLimit = _options.MaxMessageSize;
        byte[] buffer = new byte[Math.Min(4096, capacityLimit)];
        int start = 0;
        int filled = 0;
        while (!token.IsCancellationRequested)
        {
            if (filled == buffer.Length)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                    filled -= start;
                    start = 0;
                }
                else
                {
                    // Full with one unfinished item: grow, bounded by the message limit (the framer refuses beyond it).
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, capacityLimit + 1));
                }
            }

            int read;
            try
            {
                read = await _stream.ReadAsync(buffer.AsMemory(filled), token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            if (read == 0)
            {
                LogPeerClosed(_logger, Remote);
                return;
            }

            filled += read;
            Interlocked.Increment(ref _reads);
            while (true)
            {
                var frame = SipStreamFramer.Next(buffer.AsSpan(start, filled - start), _options.MaxHeaderSize, _options.MaxMessageSize, pongExpected: Outbound);
                if (frame.Kind == SipFrameKind.NeedMore)
                {
                    break;
                }

                if (frame.Kind == SipFrameKind.Error)
                {
                    LogFramingError(_logger, Remote, frame.Error!);
                    return;
                }

                var item = buffer.AsMemory(start, frame.Length);
                start += frame.Length;
                switch (frame.Kind)
                {
                    case SipFrameKind.Ping:
                        await SendKeepAliveAsync(Pong, token).ConfigureAwait(false);
                        break;
                    case SipFrameKind.Message:
                        Interlocked.Exchange(ref _lastMessageTicks, _time.GetTimestamp());
                        await DeliverAsync(handler, item.ToArray(), token).ConfigureAwait(false);
                        break;
                    default:
                        Interlocked.Increment(ref _pongs); // the read itself already counts as the answer to a ping
                        break;
                }
            }

            if (start == filled)
            {
                start = 0;
                filled = 0;
            }
        }
    }

    private async ValueTask DeliverAsync(ISipMessageHandler handler, byte[] message, CancellationToken token)
    {
        try
        {
            await handler.OnMessageAsync(new SipTransportMessage(message, Remote, Local), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a handler's failure must never stop the connection; it is logged
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogHandlerFailed(_logger, e, Remote);
        }
    }

    private async ValueTask SendKeepAliveAsync(byte[] bytes, CancellationToken token)
    {
        try
        {
            await WriteAsync(bytes, token).ConfigureAwait(false);
        }
        catch (SipTransportException e)
        {
            LogKeepAliveFailed(_logger, Remote, e.Message);
        }
    }

    /// <summary>
    /// Idle close and keep-alive on one timer: sleeps until the earliest deadline (idle limit, next ping, pong due),
    /// then acts on whichever passed. Traffic only moves deadlines later, so it never needs to wake this loop.
    /// </summary>
    private async Task MaintainAsync(CancellationToken token)
    {
        bool pinging = Outbound && _options.KeepAliveEnabled;
        if (!pinging && !_options.IdleCloseEnabled)
        {
            return;
        }

        while (!token.IsCancellationRequested)
        {
            long now = _time.GetTimestamp();
            var wait = TimeSpan.MaxValue;
            if (_options.IdleCloseEnabled)
            {
                var idle = _time.GetElapsedTime(Interlocked.Read(ref _lastMessageTicks), now);
                if (idle >= _options.IdleTimeout)
                {
                    LogIdleClose(_logger, Remote, idle);
                    await CloseAsync().ConfigureAwait(false);
                    return;
                }

                wait = _options.IdleTimeout - idle;
            }

            if (pinging)
            {
                long outstanding = Interlocked.Read(ref _pingOutstandingTicks);
                if (outstanding >= 0 && Interlocked.Read(ref _reads) != Interlocked.Read(ref _readsAtPing))
                {
                    Interlocked.Exchange(ref _pingOutstandingTicks, -1);
                    outstanding = -1;
                }

                if (outstanding >= 0)
                {
                    var waited = _time.GetElapsedTime(outstanding, now);
                    if (waited >= _options.KeepAlivePongTimeout)
                    {
                        LogNoPong(_logger, Remote, waited);
                        await CloseAsync().ConfigureAwait(false);
                        return;
                    }

                    wait = Min(wait, _options.KeepAlivePongTimeout - waited);
                }

                var sincePing = _time.GetElapsedTime(Interlocked.Read(ref _lastPingTicks), now);
                if (sincePing >= _options.KeepAliveInterval)
                {
                    Interlocked.Exchange(ref _lastPingTicks, now);
                    if (outstanding < 0)
                    {
                        Interlocked.Exchange(ref _readsAtPing, Interlocked.Read(ref _reads));
                        Interlocked.Exchange(ref _pingOutstandingTicks, now);
                    }

                    await SendKeepAliveAsync(Ping, token).ConfigureAwait(false);
                    continue;
                }

                wait = Min(wait, _options.KeepAliveInterval - sincePing);
            }

            await Task.Delay(Min(Max(wait, TimeSpan.FromMilliseconds(1)), TimeSpan.FromDays(1)), _time, token).ConfigureAwait(false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
