using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Sip.Transport;

/// <summary>
/// Keeps a NAT binding or flow to one peer open by sending a keep-alive at a fixed interval over any transport: CRLFCRLF
/// by default, or an OPTIONS request from <c>payload</c> (the usual choice on UDP towards providers that ignore bare CRLF;
/// the factory builds a fresh request with a new branch each time). TCP/TLS connections the box opened also ping on
/// their own (<see cref="SipTransportOptions.KeepAliveInterval"/>); this is for UDP flows and explicit OPTIONS pings.
/// </summary>
public sealed partial class SipKeepAliveSender : IAsyncDisposable
{
    private static readonly byte[] CrlfCrlf = "\r\n\r\n"u8.ToArray();

    private readonly ISipTransport _transport;
    private readonly IPEndPoint _remote;
    private readonly TimeSpan _interval;
    private readonly Func<ReadOnlyMemory<byte>> _payload;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts sending to <paramref name="remote"/> every <paramref name="interval"/>, the first one after one interval.</summary>
    public SipKeepAliveSender(ISipTransport transport, IPEndPoint remote, TimeSpan interval, Func<ReadOnlyMemory<byte>>? payload = null, TimeProvider? time = null, ILogger<SipKeepAliveSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _transport = transport;
        _remote = remote;
        _interval = interval;
        _payload = payload ?? (() => CrlfCrlf);
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _loop = RunAsync(_stop.Token);
    }

    /// <summary>How many keep-alives were sent successfully.</summary>
    public int Sent { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_interval, _time, cancellationToken).ConfigureAwait(false);
            try
            {
                await _transport.SendAsync(_payload(), _remote, cancellationToken).ConfigureAwait(false);
                Sent++;
            }
            catch (SipTransportException e)
            {
                LogSendFailed(_logger, _remote, e.Message);
            }
        }
    }
}
