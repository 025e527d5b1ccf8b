using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;
using FaxBox.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Sip.Transactions;

/// <summary>
/// The RFC 3261 §17 transaction layer over one or more <see cref="ISipTransport"/>s: parses what arrives, answers
/// malformed requests as a careful UAS (400/416/420/505/513 …), drops and logs malformed responses, adds Via
/// received/rport (RFC 3581), matches messages to transactions (§17.1.3, §17.2.3) and hands new requests to the
/// <see cref="ISipTransactionUser"/>. Timers come from the injected <see cref="TimeProvider"/>: no polling thread.
/// </summary>
public sealed partial class SipTransactionLayer : ISipMessageHandler
{
    private readonly Dictionary<SipTransportProtocol, ISipTransport> _transports = [];
    private readonly ConcurrentDictionary<string, SipTransaction> _transactions = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly SipParserOptions _parserOptions;

    public SipTransactionLayer(IEnumerable<ISipTransport> transports, TimeProvider time, SipTimerOptions? timers = null, ILogger<SipTransactionLayer>? logger = null, SipParserOptions? parserOptions = null)
    {
        ArgumentNullException.ThrowIfNull(transports);
        foreach (var t in transports)
        {
            _transports[t.Protocol] = t;
        }

        Time = time ?? throw new ArgumentNullException(nameof(time));
        TimerOptions = timers ?? new SipTimerOptions();
        _logger = logger ?? NullLogger<SipTransactionLayer>.Instance;
        _parserOptions = parserOptions ?? SipParserOptions.Default;
    }

    public TimeProvider Time { get; }

    public SipTimerOptions TimerOptions { get; }

    /// <summary>Receives new requests, 2xx ACKs and CANCELs. Set before <see cref="Start"/>.</summary>
    public ISipTransactionUser? User { get; set; }

    /// <summary>Live transactions (a leak check: zero some 64·T1 after the last message).</summary>
    public int TransactionCount => _transactions.Count;

    /// <summary>The transports by protocol.</summary>
    public IReadOnlyDictionary<SipTransportProtocol, ISipTransport> Transports => _transports;

    public void Start()
    {
        foreach (var t in _transports.Values)
        {
            t.Start(this);
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> (not ACK) in a new client transaction. Adds a topmost Via with a new branch and
    /// rport when the request has none (a CANCEL keeps its INVITE's Via), Max-Forwards 70 and Content-Length when absent.
    /// </summary>
    public SipClientTransaction SendRequest(SipRequest request, SipEndPoint destination, Action<SipClientTransaction>? beforeStart = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethods.Ack)
        {
            throw new ArgumentException("ACK for a 2xx has no transaction: use SendAck", nameof(request));
        }

        var transport = TransportFor(destination.Protocol);
        Prepare(request, transport);
        var key = request.TopVia!.Branch + "|" + request.CSeq!.Value.Method;
        SipClientTransaction transaction = request.Method == SipMethods.Invite
            ? new InviteClientTransaction(this, request, key, transport, destination.Address)
            : new NonInviteClientTransaction(this, request, key, transport, destination.Address);
        if (!_transactions.TryAdd(key, transaction))
        {
            throw new InvalidOperationException($"a client transaction with branch {request.TopVia.Branch} is already running");
        }

        beforeStart?.Invoke(transaction); // handlers set here see the very first response, however fast the peer answers
        transaction.Start();
        return transaction;
    }

    /// <summary>Sends an ACK for a 2xx (or any request outside a transaction), with a new Via branch when it has none (§13.2.2.4).</summary>
    public void SendAck(SipRequest ack, SipEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(ack);
        var transport = TransportFor(destination.Protocol);
        Prepare(ack, transport);
        Observe(SendAsync(transport, ack.ToBytes(), destination.Address, null), "ACK");
    }

    /// <summary>Finds a client INVITE transaction by its request (to CANCEL it, §9.1).</summary>
    public SipClientTransaction? FindClient(SipRequest request) =>
        request.TopVia?.Branch is { } branch && _transactions.TryGetValue(branch + "|" + request.CSeq?.Method, out var t) ? t as SipClientTransaction : null;

    public async ValueTask OnMessageAsync(SipTransportMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = SipMessageParser.Parse(message.Data.Span, _parserOptions);
        if (!result.Success)
        {
            var e = result.Error;
            if (e.IsResponse)
            {
                LogResponseDropped(message.Remote, e.ToString());
                return;
            }

            LogRequestRejected(message.Remote, e.StatusCode, e.ToString());
            if (e.Method != SipMethods.Ack)
            {
                await RespondStatelessAsync(e.Headers, e.StatusCode, e.ReasonPhrase, message, null).ConfigureAwait(false);
            }

            return;
        }

        if (result.Message is SipResponse response)
        {
            await OnResponseAsync(response, message).ConfigureAwait(false);
        }
        else
        {
            await OnRequestAsync((SipRequest)result.Message, message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask OnResponseAsync(SipResponse response, SipTransportMessage source)
    {
        var verdict = SipMessageValidator.Check(response);
        if (!verdict.IsAccepted)
        {
            LogResponseDropped(source.Remote, verdict.ReasonPhrase);
            return;
        }

        var key = response.TopVia!.Branch + "|" + response.CSeq!.Value.Method;
        if (!_transactions.TryGetValue(key, out var t) || t is not SipClientTransaction client)
        {
            LogStrayResponse(source.Remote, response.StatusCode, response.CSeq.Value.Method);
            return;
        }

        var forUser = client.OnResponse(response, out var isFinal);
        if (forUser is null)
        {
            return;
        }

        if (forUser.IsProvisional && client.Provisional is { } provisional)
        {
            await Invoke(provisional, forUser, "provisional response").ConfigureAwait(false);
        }
        else if (!isFinal && forUser.IsSuccess && client is InviteClientTransaction { SuccessRetransmitted: { } again })
        {
            await Invoke(again, forUser, "2xx retransmission").ConfigureAwait(false);
        }
    }

    private async ValueTask OnRequestAsync(SipRequest request, SipTransportMessage source, CancellationToken cancellationToken)
    {
        var verdict = SipMessageValidator.Check(request);
        if (!verdict.IsAccepted)
        {
            LogRequestRejected(source.Remote, verdict.StatusCode, verdict.Detail);
            if (request.Method != SipMethods.Ack)
            {
                await RespondStatelessAsync(request.Headers, verdict.StatusCode, verdict.ReasonPhrase, source, verdict.Unsupported).ConfigureAwait(false);
            }

            return;
        }

        AddReceived(request, source);
        var transport = TransportFor(source.Local.Protocol);
        var remote = ResponseDestination(request.TopVia!, source);
        var method = request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method;
        var key = ServerKey(request, method);
        if (_transactions.TryGetValue(key, out var existing) && existing is SipServerTransaction server)
        {
            server.OnRequest(request);
            return;
        }

        if (request.Method == SipMethods.Ack)
        {
            if (User is { } ackUser)
            {
                await Invoke(() => ackUser.OnAckAsync(request, source, cancellationToken), "ACK").ConfigureAwait(false);
            }

            return;
        }

        SipServerTransaction transaction = request.Method == SipMethods.Invite
            ? new InviteServerTransaction(this, request, key, transport, remote, source)
            : new NonInviteServerTransaction(this, request, key, transport, remote, source);
        if (!_transactions.TryAdd(key, transaction))
        {
            return;
        }

        if (transaction is InviteServerTransaction invite)
        {
            invite.SendTrying();
        }

        if (request.Method == SipMethods.Cancel)
        {
            await OnCancelAsync(transaction, request, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (User is not { } user)
        {
            transaction.SendResponse(transaction.CreateResponse(SipStatusCodes.ServiceUnavailable, "No Transaction User"));
            return;
        }

        await Invoke(() => user.OnRequestAsync(transaction, cancellationToken), request.Method).ConfigureAwait(false);
    }

    /// <summary>CANCEL (§9.2): 481 when no INVITE matches, else 200 for the CANCEL and the TU is told (it sends 487).</summary>
    private async ValueTask OnCancelAsync(SipServerTransaction cancelTransaction, SipRequest cancel, CancellationToken cancellationToken)
    {
        var inviteKey = ServerKey(cancel, SipMethods.Invite);
        if (!_transactions.TryGetValue(inviteKey, out var t) || t is not InviteServerTransaction invite)
        {
            cancelTransaction.SendResponse(cancelTransaction.CreateResponse(SipStatusCodes.CallTransactionDoesNotExist));
            return;
        }

        cancelTransaction.SendResponse(cancelTransaction.CreateResponse(SipStatusCodes.Ok));
        invite.IsCancelled = true;
        if (User is { } user)
        {
            await Invoke(() => user.OnCancelAsync(invite, cancel, cancellationToken), "CANCEL").ConfigureAwait(false);
        }
    }

    internal void Remove(SipTransaction transaction) => _transactions.TryRemove(new KeyValuePair<string, SipTransaction>(transaction.Key, transaction));

    internal void SendObserved(SipTransaction transaction, byte[] bytes) =>
        Observe(SendAsync(transaction.Transport, bytes, transaction.Remote, transaction), "send");

    internal void Observe(ValueTask task, string what)
    {
        if (task.IsCompletedSuccessfully)
        {
            return;
        }

        _ = ObserveAsync(task, what);
    }

    internal void LogTimeout(SipTransaction transaction, string timer) => LogTransactionTimeout(transaction.Request.Method, transaction.Key, timer);

    private async Task ObserveAsync(ValueTask task, string what)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCallbackFailed(e, what);
        }
    }

    private async ValueTask SendAsync(ISipTransport transport, byte[] bytes, IPEndPoint remote, SipTransaction? transaction)
    {
        try
        {
            await transport.SendAsync(bytes, remote, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SipTransportException e)
        {
            LogSendFailed(e, remote);
            transaction?.OnTransportError(e);
        }
    }

    private async ValueTask Invoke(Func<SipResponse, ValueTask> callback, SipResponse response, string what)
    {
        try
        {
            await callback(response).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCallbackFailed(e, what);
        }
    }

    private async ValueTask Invoke(Func<ValueTask> callback, string what)
    {
        try
        {
            await callback().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCallbackFailed(e, what);
        }
    }

    private ISipTransport TransportFor(SipTransportProtocol protocol) =>
        _transports.TryGetValue(protocol, out var t) ? t : throw new SipTransportException($"no {protocol} transport is configured");

    private static void Prepare(SipRequest request, ISipTransport transport)
    {
        if (!request.Headers.Contains(SipHeaderNames.Via))
        {
            var local = transport.LocalEndPoint.Address;
            var host = local.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{local.Address}]" : local.Address.ToString();
            var via = new SipVia(transport.Protocol.ToString().ToUpperInvariant(), host, local.Port, SipBranch.NewBranch());
            via.Parameters.Add("rport", null);
            request.Headers.AddFirst(SipHeaderNames.Via, via.ToString());
        }

        if (!request.Headers.Contains(SipHeaderNames.MaxForwards))
        {
            request.MaxForwards = 70;
        }

        if (!request.Headers.Contains(SipHeaderNames.ContentLength))
        {
            request.Headers.Add(SipHeaderNames.ContentLength, request.Body.Length.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Server matching key (§17.2.3): branch, sent-by and method; RFC 2543 requests fall back to Call-ID, From tag, CSeq and Via.</summary>
    private static string ServerKey(SipRequest request, string method)
    {
        var via = request.TopVia!;
        var sentBy = via.Host + ":" + (via.Port ?? 5060).ToString(CultureInfo.InvariantCulture);
        return via.HasRfc3261Branch
            ? via.Branch + "|" + sentBy + "|" + method
            : "2543|" + request.CallId + "|" + request.From?.Tag + "|" + request.CSeq?.Number.ToString(CultureInfo.InvariantCulture) + "|" + sentBy + "|" + method;
    }

    /// <summary>RFC 3261 §18.2.1 "received" and RFC 3581 §4 "rport" on the topmost Via, from where the request came from.</summary>
    private static void AddReceived(SipRequest request, SipTransportMessage source)
    {
        var via = request.TopVia!;
        var sourceAddress = source.Remote.Address.Address.ToString();
        var changed = false;
        if (via.HasRPort && via.RPort is null)
        {
            via.Parameters.Set("rport", source.Remote.Address.Port.ToString(CultureInfo.InvariantCulture));
            changed = true;
        }

        if (via.HostWithoutBrackets != sourceAddress || changed)
        {
            via.Parameters.Set("received", sourceAddress);
            changed = true;
        }

        if (changed)
        {
            request.ReplaceTopVia(via);
        }
    }

    /// <summary>Where responses go (§18.2.2, RFC 3581 §4): the connection's peer for TCP/TLS; over UDP received/rport or sent-by.</summary>
    private static IPEndPoint ResponseDestination(SipVia via, SipTransportMessage source)
    {
        if (source.Remote.Protocol != SipTransportProtocol.Udp)
        {
            return source.Remote.Address;
        }

        var address = IPAddress.TryParse(via.Received?.Trim('[', ']'), out var received) ? received
            : IPAddress.TryParse(via.HostWithoutBrackets, out var sentBy) ? sentBy
            : source.Remote.Address.Address;
        var port = via.RPort ?? via.Port ?? 5060;
        return new IPEndPoint(address, port);
    }

    private async ValueTask RespondStatelessAsync(SipHeaderCollection requestHeaders, int status, string reason, SipTransportMessage source, IReadOnlyList<string>? unsupported)
    {
        var response = new SipResponse(status, reason);
        foreach (var name in new[] { SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq })
        {
            var lines = requestHeaders.FindAll(name).ToList();
            if (lines.Count == 0)
            {
                LogCannotAnswer(source.Remote, name);
                return;
            }

            foreach (var h in lines)
            {
                if (!SipHeaderParsing.TryParse(h, out _))
                {
                    // Copying a malformed field would make a malformed response: such a request is dropped and logged.
                    LogCannotAnswer(source.Remote, "well-formed " + name);
                    return;
                }

                response.Headers.Add(h.Name, h.Value);
            }
        }

        if (status is SipStatusCodes.MethodNotAllowed or SipStatusCodes.NotImplemented)
        {
            response.Headers.Add(SipHeaderNames.Allow, SipMethods.AllowHeaderValue);
        }

        if (unsupported is { Count: > 0 })
        {
            response.Headers.Add(SipHeaderNames.Unsupported, string.Join(", ", unsupported));
        }

        response.Headers.Add(SipHeaderNames.ContentLength, "0");
        var transport = _transports.GetValueOrDefault(source.Local.Protocol);
        if (transport is null)
        {
            return;
        }

        await SendAsync(transport, response.ToBytes(), source.Remote.Address, null).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 1, Level = LogLevel.Information, Message = "SIP response from {Remote} dropped: {Reason}")]
    private partial void LogResponseDropped(SipEndPoint remote, string reason);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 2, Level = LogLevel.Information, Message = "SIP request from {Remote} refused with {Status}: {Reason}")]
    private partial void LogRequestRejected(SipEndPoint remote, int status, string reason);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 3, Level = LogLevel.Debug, Message = "SIP {Status} for {Method} from {Remote} matches no transaction")]
    private partial void LogStrayResponse(SipEndPoint remote, int status, string method);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 4, Level = LogLevel.Information, Message = "SIP {Method} transaction {Key} timed out ({Timer})")]
    private partial void LogTransactionTimeout(string method, string key, string timer);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 5, Level = LogLevel.Error, Message = "SIP {What} handler failed")]
    private partial void LogCallbackFailed(Exception exception, string what);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 6, Level = LogLevel.Warning, Message = "SIP send to {Remote} failed")]
    private partial void LogSendFailed(Exception exception, IPEndPoint remote);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 7, Level = LogLevel.Information, Message = "SIP request from {Remote} cannot be answered: no {Header}")]
    private partial void LogCannotAnswer(SipEndPoint remote, string header);
}
