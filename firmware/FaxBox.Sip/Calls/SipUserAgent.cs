using System.Collections.Concurrent;
using System.Net.Sockets;
using FaxBox.Sip.Auth;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Sip.Calls;

/// <summary>
/// The call side of the user agent core (RFC 3261 §8, §12–§15): the transaction user of a <see cref="SipTransactionLayer"/>
/// that places calls (<see cref="CreateCall"/>), raises <see cref="IncomingCall"/> for new INVITEs, routes in-dialog
/// requests and ACKs to their <see cref="SipCall"/>, answers OPTIONS with its capabilities (Allow, Accept, Supported,
/// §11.2) and 481 for requests that match no dialog. It knows SDP but no media sockets: the gateway supplies every SDP.
/// </summary>
public sealed class SipUserAgent : ISipTransactionUser, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SipCall> _calls = new(StringComparer.Ordinal);

    /// <summary>Becomes the transaction user of <paramref name="layer"/> (set before the layer starts).</summary>
    public SipUserAgent(SipTransactionLayer layer, SipServerLocator locator, SipUserAgentOptions? options = null, ILogger<SipUserAgent>? logger = null, Random? random = null)
    {
        Layer = layer ?? throw new ArgumentNullException(nameof(layer));
        Locator = locator ?? throw new ArgumentNullException(nameof(locator));
        Options = options ?? new SipUserAgentOptions();
        Logger = (ILogger?)logger ?? NullLogger.Instance;
        Random = random ?? Random.Shared;
        Authenticator = Options.Credentials is { } credentials ? new DigestAuthenticator(credentials) : null;
        Background = new SipBackgroundWork(Logger);
        IncomingCall = new SipAsyncEvent<SipCall>(nameof(IncomingCall), Logger);
        layer.User = this;
    }

    /// <summary>
    /// A new incoming call (state <see cref="SipCallState.Incoming"/>, 100 Trying already sent). Handlers subscribe to the
    /// call's events and ring, answer or reject it (now or later); with no handler the call is refused with 480.
    /// </summary>
    public SipAsyncEvent<SipCall> IncomingCall { get; }

    public SipUserAgentOptions Options { get; }

    /// <summary>The calls that have not ended.</summary>
    public IReadOnlyCollection<SipCall> Calls => [.. _calls.Values];

    internal SipTransactionLayer Layer { get; }

    internal SipServerLocator Locator { get; }

    internal ILogger Logger { get; }

    internal Random Random { get; }

    internal DigestAuthenticator? Authenticator { get; }

    internal SipBackgroundWork Background { get; }

    internal TimeProvider Time => Layer.Time;

    /// <summary>
    /// A new outgoing call to <paramref name="target"/> offering <paramref name="offer"/> (from the gateway's
    /// <see cref="SdpNegotiator"/>); subscribe to its events, then <see cref="SipCall.DialAsync"/>.
    /// <paramref name="transport"/> forces a transport when the URI has no transport parameter. <paramref name="callerUser"/>
    /// and <paramref name="callerName"/> replace the account's From user and display name for this call (the caller ID an
    /// FXO port captured, or an FXS port's own number); null keeps the account's.
    /// </summary>
    public SipCall CreateCall(SipUri target, SdpSessionDescription offer, SipTransportProtocol? transport = null, string? callerUser = null, string? callerName = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(offer);
        var call = SipCall.CreateOutgoing(this, target, offer, transport, callerUser, callerName);
        _calls[Key(call.CallId, call.LocalTag)] = call;
        return call;
    }

    /// <summary>Waits (bounded) until the user agent's own background work (PRACK, refreshes, BYE after no ACK) is done.</summary>
    public Task<bool> WhenIdleAsync(TimeSpan limit) => Background.WhenIdleAsync(limit);

    public async ValueTask DisposeAsync()
    {
        foreach (var call in _calls.Values)
        {
            await call.HangUpAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await Background.WhenIdleAsync(Layer.TimerOptions.TransactionTimeout).ConfigureAwait(false);
    }

    public async ValueTask OnRequestAsync(SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var request = transaction.Request;
        if (request.To?.Tag is { } toTag)
        {
            if (_calls.TryGetValue(Key(request.CallId!, toTag), out var call))
            {
                await call.OnRequestAsync(transaction, cancellationToken).ConfigureAwait(false);
                return;
            }

            SipCallLog.NoSuchCall(Logger, request.Method, transaction.Source.Remote);
            transaction.SendResponse(transaction.CreateResponse(SipStatusCodes.CallTransactionDoesNotExist));
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Invite:
                await OnInviteAsync((InviteServerTransaction)transaction, cancellationToken).ConfigureAwait(false);
                break;
            case SipMethods.Options:
                transaction.SendResponse(CreateOptionsResponse(transaction));
                break;
            default:
                // BYE, UPDATE, INFO, PRACK only exist inside a dialog (RFC 3261 §15, RFC 3311 §5.2, RFC 6086 §4.2.2, RFC 3262 §4).
                SipCallLog.NoSuchCall(Logger, request.Method, transaction.Source.Remote);
                transaction.SendResponse(transaction.CreateResponse(SipStatusCodes.CallTransactionDoesNotExist));
                break;
        }
    }

    public ValueTask OnAckAsync(SipRequest ack, SipTransportMessage source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ack);
        if (ack.To?.Tag is { } tag && _calls.TryGetValue(Key(ack.CallId!, tag), out var call))
        {
            return call.OnAckAsync(ack, cancellationToken);
        }

        return ValueTask.CompletedTask; // a late or stray ACK: nothing to acknowledge (§17.2.3)
    }

    public ValueTask OnCancelAsync(SipServerTransaction invite, SipRequest cancel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (_calls.TryGetValue(Key(invite.Request.CallId!, invite.LocalTag), out var call))
        {
            return call.OnCancelAsync(invite, cancellationToken);
        }

        try
        {
            invite.SendResponse(invite.CreateResponse(SipStatusCodes.RequestTerminated));
        }
        catch (InvalidOperationException)
        {
            // already answered: the CANCEL has no effect (§9.2)
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The 200 to OPTIONS (RFC 3261 §11.2): what the box can do.</summary>
    internal SipResponse CreateOptionsResponse(SipServerTransaction transaction)
    {
        var response = transaction.CreateResponse(SipStatusCodes.Ok);
        AddCapabilities(response);
        response.Headers.Add(SipHeaderNames.Accept, "application/sdp");
        response.Headers.Add("Accept-Language", "en");
        response.Headers.Add(SipHeaderNames.Server, Options.UserAgent);
        return response;
    }

    /// <summary>Allow and Supported (RFC 3261 §20.5, §20.37): the methods served and 100rel/timer as configured.</summary>
    internal void AddCapabilities(SipMessage message)
    {
        message.Headers.Set(SipHeaderNames.Allow, SipMethods.AllowHeaderValue);
        var supported = new List<string>(2);
        if (Options.Use100rel)
        {
            supported.Add("100rel");
        }

        if (Options.SessionExpires > TimeSpan.Zero)
        {
            supported.Add("timer");
        }

        if (supported.Count > 0)
        {
            message.Headers.Set(SipHeaderNames.Supported, string.Join(", ", supported));
        }
    }

    /// <summary>The box's Contact URI over <paramref name="protocol"/>: its user at the transport's local address.</summary>
    internal SipUri ContactFor(SipTransportProtocol protocol)
    {
        var local = Layer.Transports.TryGetValue(protocol, out var transport)
            ? transport.LocalEndPoint.Address
            : throw new SipTransportException($"no {protocol} transport is configured");
        var host = local.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{local.Address}]" : local.Address.ToString();
        var uri = new SipUri("sip", Options.User, host, local.Port);
        if (protocol != SipTransportProtocol.Udp)
        {
            uri.Parameters.Set("transport", protocol.ToString().ToLowerInvariant());
        }

        return uri;
    }

    /// <summary>
    /// Where a request to <paramref name="uri"/> goes (RFC 3263): the outbound proxy for out-of-dialog requests when one
    /// is configured, else the located targets over a configured transport, in order.
    /// </summary>
    internal async Task<IReadOnlyList<SipEndPoint>> LocateAsync(SipUri uri, SipTransportProtocol? preferred, bool outOfDialog, CancellationToken cancellationToken)
    {
        if (outOfDialog && Options.OutboundProxy is { } proxy)
        {
            return [proxy];
        }

        SipTransportProtocol? transport = uri.Transport switch
        {
            "udp" => SipTransportProtocol.Udp,
            "tcp" => SipTransportProtocol.Tcp,
            "tls" => SipTransportProtocol.Tls,
            _ => preferred,
        };
        var targets = await Locator.LocateAsync(uri.Host, uri.Port, transport, uri.Scheme == "sips", cancellationToken).ConfigureAwait(false);
        var usable = targets.Select(t => t.EndPoint).Where(e => Layer.Transports.ContainsKey(e.Protocol)).ToList();
        return usable.Count > 0 ? usable : throw new SipTransportException($"no reachable target for {uri} over the configured transports");
    }

    /// <summary>
    /// Sends the request made by <paramref name="build"/> (called again for each round with the credentials to add) and
    /// answers 401/407 with the account's Digest credentials (RFC 3261 §22.2–22.3), at most
    /// <see cref="SipUserAgentOptions.MaxChallengeRounds"/> times. Returns the last exchange (a 401/407 when the
    /// challenge could not be answered).
    /// </summary>
    internal async Task<SipExchange> SendWithChallengesAsync(Func<IReadOnlyList<(string Name, string Value)>, SipRequest> build, SipEndPoint destination, Action<SipClientTransaction>? configure)
    {
        IReadOnlyList<(string, string)> credentials = [];
        SipExchange? last = null;
        for (var round = 0; round <= Options.MaxChallengeRounds; round++)
        {
            var request = build(credentials);
            var transaction = Layer.SendRequest(request, destination, configure);
            var response = await transaction.FinalResponse.ConfigureAwait(false);
            last = new SipExchange(request, response, transaction, destination);
            if (response.StatusCode is not (SipStatusCodes.Unauthorized or SipStatusCodes.ProxyAuthenticationRequired) || Authenticator is null)
            {
                return last;
            }

            var challenges = response.Headers.FindAll(response.StatusCode == SipStatusCodes.Unauthorized ? "WWW-Authenticate" : "Proxy-Authenticate").Select(h => h.Value);
            var carried = credentials.Count > 0;
            var answer = Authenticator.Answer(response.StatusCode, challenges, request.Method, request.RequestUri.ToString(), request.Body.Span, carried);
            if (answer.Outcome != DigestOutcome.Retry)
            {
                SipCallLog.RequestFailed(Logger, request.CallId ?? "?", request.Method, response.StatusCode, answer.Reason ?? "challenge not answered");
                return last;
            }

            credentials = [(answer.HeaderName!, answer.HeaderValue!)];
        }

        return last!;
    }

    internal void Forget(SipCall call) => _calls.TryRemove(new KeyValuePair<string, SipCall>(Key(call.CallId, call.LocalTag), call));

    private async ValueTask OnInviteAsync(InviteServerTransaction transaction, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        if (_calls.Values.Any(c => c.IsMergedRequest(request)))
        {
            // The same INVITE reached the box twice over different paths (RFC 3261 §8.2.2.2).
            transaction.SendResponse(transaction.CreateResponse(SipStatusCodes.LoopDetected));
            return;
        }

        var call = SipCall.CreateIncoming(this, transaction, out var refusal);
        if (call is null)
        {
            SipCallLog.InviteRefused(Logger, transaction.Source.Remote, refusal!.StatusCode, refusal.ReasonPhrase);
            transaction.SendResponse(refusal);
            return;
        }

        _calls[Key(call.CallId, call.LocalTag)] = call;
        if (!IncomingCall.HasHandlers)
        {
            await call.RejectAsync(SipStatusCodes.TemporarilyUnavailable, "No Call Handler", cancellationToken).ConfigureAwait(false);
            return;
        }

        await IncomingCall.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
    }

    private static string Key(string callId, string localTag) => callId + "|" + localTag;
}
