using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;
using FaxBox.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Sip.Registration;

/// <summary>
/// A minimal non-INVITE client transaction (RFC 3261 §17.1.2) for registration and OPTIONS until the transaction layer
/// takes this role: sets the top Via with a fresh branch and rport, retransmits over UDP on Timer E (T1 doubling up to
/// T2, and T2 once a provisional arrived), gives up on Timer F (64·T1), and matches responses by the top Via branch and
/// CSeq method (§17.1.3). It is the <see cref="ISipMessageHandler"/> of the transports it is given; requests from
/// peers are not answered here.
/// </summary>
public sealed partial class SipNonInviteSender : ISipRequestSender, ISipMessageHandler
{
    private readonly IReadOnlyDictionary<SipTransportProtocol, ISipTransport> _transports;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (string Method, TaskCompletionSource<SipResponse> Final, Action Provisional)> _pending = new(StringComparer.Ordinal);

    /// <summary>Uses the started <paramref name="transports"/>, one per protocol; this sender must be their handler.</summary>
    public SipNonInviteSender(IEnumerable<ISipTransport> transports, TimeProvider? time = null, ILogger<SipNonInviteSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transports);
        _transports = transports.ToDictionary(t => t.Protocol);
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>RFC 3261 T1, the round-trip estimate. Default 500 ms.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>RFC 3261 T2, the longest retransmit interval for non-INVITE requests. Default 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    public SipEndPoint LocalEndPointFor(SipTarget target) => Transport(target).LocalEndPoint;

    public async Task<SipResponse> SendAsync(SipRequest request, SipTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var transport = Transport(target);
        string branch = SipVia.MagicCookie + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var local = transport.LocalEndPoint.Address;
        request.Headers.Remove(SipHeaderNames.Via);
        request.Headers.AddFirst(SipHeaderNames.Via, string.Create(CultureInfo.InvariantCulture,
            $"SIP/2.0/{target.EndPoint.Protocol.ToString().ToUpperInvariant()} {local.Address}:{local.Port};branch={branch};rport"));
        byte[] bytes = request.ToBytes();

        var final = new TaskCompletionSource<SipResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool provisional = false;
        _pending[branch] = (request.Method, final, () => provisional = true);
        try
        {
            await transport.SendAsync(bytes, target.EndPoint.Address, cancellationToken).ConfigureAwait(false);
            var timerF = _time.GetTimestamp();
            var interval = T1;
            bool reliable = target.EndPoint.Protocol != SipTransportProtocol.Udp;
            while (true)
            {
                var remaining = T1 * 64 - _time.GetElapsedTime(timerF);
                if (remaining <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"no final response to {request.Method} from {target.EndPoint} within {T1 * 64} (Timer F, RFC 3261 §17.1.2.2)");
                }

                var wait = reliable ? remaining : (interval < remaining ? interval : remaining);
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(wait, _time, timer.Token);
                var done = await Task.WhenAny(final.Task, delay).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
                if (done == final.Task)
                {
                    return await final.Task.ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (!reliable && _time.GetElapsedTime(timerF) < T1 * 64)
                {
                    await transport.SendAsync(bytes, target.EndPoint.Address, cancellationToken).ConfigureAwait(false); // Timer E
                    interval = provisional ? T2 : (interval * 2 < T2 ? interval * 2 : T2);
                }
            }
        }
        finally
        {
            _pending.TryRemove(branch, out _);
        }
    }

    public ValueTask OnMessageAsync(SipTransportMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parsed = SipMessageParser.Parse(message.Data.Span);
        if (parsed.Message is not SipResponse response)
        {
            if (!parsed.Success)
            {
                LogUnparseable(_logger, message.Remote, parsed.Error?.ToString() ?? "?");
            }

            return ValueTask.CompletedTask; // requests to the box go to the transaction layer, not here
        }

        if (response.TopVia?.Branch is { } branch && _pending.TryGetValue(branch, out var pending) &&
            string.Equals(response.CSeq?.Method, pending.Method, StringComparison.Ordinal))
        {
            if (response.IsProvisional)
            {
                pending.Provisional();
            }
            else
            {
                pending.Final.TrySetResult(response);
            }
        }

        return ValueTask.CompletedTask;
    }

    private ISipTransport Transport(SipTarget target) =>
        _transports.TryGetValue(target.EndPoint.Protocol, out var transport)
            ? transport
            : throw new SipTransportException($"no {target.EndPoint.Protocol} transport is configured for {target.EndPoint}");
}
