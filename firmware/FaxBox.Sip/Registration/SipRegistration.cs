using System.Globalization;
using System.Security.Cryptography;
using FaxBox.Sip.Auth;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Sip.Registration;

/// <summary>
/// Keeps one account registered (RFC 3261 §10.2): REGISTER with Digest (401/407, stale nonces), 423 Interval Too Brief
/// raises Expires to Min-Expires (§10.3 step 7), the binding is refreshed ahead of expiry with the same Call-ID and a
/// rising CSeq (§10.2.4), a transport error, timeout or 5xx moves to the next RFC 3263 target (through the outbound
/// proxy when one is set), and failures retry with doubling, jittered back-off. Every state change is awaited by the
/// subscribers, whose exceptions are logged, never lost.
/// </summary>
public sealed partial class SipRegistration : IAsyncDisposable
{
    private const int MaxRoundsPerTarget = 6;

    private readonly SipAccountOptions _account;
    private readonly ISipRequestSender _sender;
    private readonly SipServerLocator _locator;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly DigestAuthenticator _authenticator;
    private readonly List<Func<SipRegistrationStatus, CancellationToken, ValueTask>> _subscribers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _callId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + "@faxbox";
    private readonly string _fromTag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private uint _cseq;
    private int _expires;
    private Task _loop = Task.CompletedTask;

    public SipRegistration(SipAccountOptions account, ISipRequestSender sender, SipServerLocator locator, TimeProvider? time = null, Random? random = null, ILogger<SipRegistration>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(locator);
        account.Validate();
        _account = account;
        _sender = sender;
        _locator = locator;
        _time = time ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _authenticator = new DigestAuthenticator(new DigestCredentials(account.AuthUsername ?? account.Username, account.Password));
        _expires = account.Expires;
        Status = new SipRegistrationStatus(AddressOfRecord, SipRegistrationState.Unregistered, null, null, null, null, null);
    }

    public string AddressOfRecord => $"sip:{_account.Username}@{_account.Domain}";

    /// <summary>The latest snapshot.</summary>
    public SipRegistrationStatus Status { get; private set; }

    /// <summary>How many consecutive attempts failed (0 once registered).</summary>
    public int Failures { get; private set; }

    /// <summary>Adds a subscriber awaited on every state change; its exceptions are logged and do not stop the registration.</summary>
    public void Subscribe(Func<SipRegistrationStatus, CancellationToken, ValueTask> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_subscribers)
        {
            _subscribers.Add(onChange);
        }
    }

    /// <summary>Starts the register / refresh / retry loop.</summary>
    public void Start() => _loop = RunAsync(_stop.Token);

    /// <summary>One REGISTER exchange with its challenges, 423s and target failover; returns the new status.</summary>
    public async Task<SipRegistrationStatus> RegisterOnceAsync(CancellationToken cancellationToken)
    {
        await PublishAsync(Status with { State = SipRegistrationState.Registering, NextAttemptAt = null }, cancellationToken).ConfigureAwait(false);
        var result = await ExchangeAsync(_expires, cancellationToken).ConfigureAwait(false);
        await PublishAsync(result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Removes the binding (Expires: 0) and stops refreshing.</summary>
    public async Task<SipRegistrationStatus> UnregisterAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await WaitLoopAsync().ConfigureAwait(false);
        var result = await ExchangeAsync(0, cancellationToken).ConfigureAwait(false);
        var final = result.State == SipRegistrationState.Registered ? result with { State = SipRegistrationState.Unregistered, ExpiresAt = null } : result;
        await PublishAsync(final, cancellationToken).ConfigureAwait(false);
        return final;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await WaitLoopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>When to refresh a binding granted for <paramref name="granted"/>: ahead by RefreshAhead, at most half-way.</summary>
    internal TimeSpan RefreshDelay(TimeSpan granted)
    {
        var ahead = _account.RefreshAhead < granted / 2 ? _account.RefreshAhead : granted / 2;
        return granted - ahead;
    }

    /// <summary>The wait after the n-th consecutive failure: min(max, base·2^(n-1)) scaled by a random 50–100 % (RFC 5626 §4.5).</summary>
    internal TimeSpan RetryDelay(int failures)
    {
        double bound = Math.Min(_account.RetryMax.TotalSeconds, _account.RetryBase.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 30)));
        return TimeSpan.FromSeconds(bound * (0.5 + (0.5 * _random.NextDouble())));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            SipRegistrationStatus result;
            try
            {
                result = await RegisterOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            TimeSpan wait;
            if (result.State == SipRegistrationState.Registered && result.ExpiresAt is { } expiresAt)
            {
                Failures = 0;
                wait = RefreshDelay(expiresAt - _time.GetUtcNow());
            }
            else
            {
                Failures++;
                wait = RetryDelay(Failures);
                await PublishAsync(result with { NextAttemptAt = _time.GetUtcNow() + wait }, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<SipRegistrationStatus> ExchangeAsync(int expires, CancellationToken cancellationToken)
    {
        string via = _account.OutboundProxy ?? _account.Registrar ?? _account.Domain;
        var (host, port) = SplitHostPort(via);
        IReadOnlyList<SipTarget> targets;
        try
        {
            targets = await _locator.LocateAsync(host, port, _account.Transport, secure: false, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsException e)
        {
            return Fail(null, null, $"cannot locate {via}: {e.Message}");
        }

        if (targets.Count == 0)
        {
            return Fail(null, null, $"DNS has no address for {via}");
        }

        var failures = new List<string>();
        foreach (var target in targets)
        {
            try
            {
                var outcome = await ExchangeWithAsync(target, expires, cancellationToken).ConfigureAwait(false);
                if (outcome is not null)
                {
                    return outcome;
                }

                failures.Add($"{target.EndPoint}: 5xx");
            }
            catch (Exception e) when (e is SipTransportException or TimeoutException)
            {
                LogTargetFailed(_logger, AddressOfRecord, target.EndPoint, e.Message);
                failures.Add($"{target.EndPoint}: {e.Message}");
            }
        }

        return Fail(null, null, $"every registrar target failed: {string.Join("; ", failures)}");
    }

    /// <summary>One target: null when it answered 5xx/6xx-503-like and the next target should be tried.</summary>
    private async Task<SipRegistrationStatus?> ExchangeWithAsync(SipTarget target, int expires, CancellationToken cancellationToken)
    {
        List<(string Name, string Value)>? answer = null;
        bool carried = false;
        for (int round = 0; round < MaxRoundsPerTarget; round++)
        {
            var request = BuildRegister(target, expires);
            var credentials = answer ?? [.. _authenticator.AuthorizeAgain(SipMethods.Register, request.RequestUri.ToString(), default)];
            foreach (var (name, value) in credentials)
            {
                request.Headers.Add(name, value);
            }

            carried = credentials.Count > 0;
            answer = null;
            var response = await _sender.SendAsync(request, target, cancellationToken).ConfigureAwait(false);
            int code = response.StatusCode;
            if (response.IsSuccess)
            {
                var granted = GrantedExpires(response, target, expires);
                return new SipRegistrationStatus(AddressOfRecord, SipRegistrationState.Registered, target,
                    expires == 0 ? null : _time.GetUtcNow() + TimeSpan.FromSeconds(granted), code, null, null);
            }

            if (code is 401 or 407)
            {
                var challenges = response.Headers.FindAll(code == 401 ? "WWW-Authenticate" : "Proxy-Authenticate").Select(h => h.Value);
                var digest = _authenticator.Answer(code, challenges, SipMethods.Register, request.RequestUri.ToString(), default, carried);
                if (digest.Outcome != DigestOutcome.Retry)
                {
                    return Fail(target, code, digest.Reason!);
                }

                answer = [(digest.HeaderName!, digest.HeaderValue!)];
                continue;
            }

            if (code == 423)
            {
                if (int.TryParse(response.Headers.Get("Min-Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out int min) && min > expires && min <= 604_800)
                {
                    LogIntervalTooBrief(_logger, AddressOfRecord, expires, min);
                    expires = min;
                    _expires = min;
                    continue;
                }

                return Fail(target, code, $"423 Interval Too Brief without a usable Min-Expires larger than {expires}");
            }

            if (code is >= 500 and < 600)
            {
                LogTargetFailed(_logger, AddressOfRecord, target.EndPoint, $"{code} {response.ReasonPhrase}");
                return null;
            }

            return Fail(target, code, $"{code} {response.ReasonPhrase}");
        }

        return Fail(target, null, $"no final answer after {MaxRoundsPerTarget} REGISTER rounds");
    }

    private SipRequest BuildRegister(SipTarget target, int expires)
    {
        var (registrarHost, registrarPort) = SplitHostPort(_account.Registrar ?? _account.Domain);
        var requestUri = new SipUri("sip", null, registrarHost, registrarPort);
        var local = _sender.LocalEndPointFor(target).Address;
        var contact = new SipUri("sip", _account.Username, local.Address.ToString(), local.Port);
        if (target.EndPoint.Protocol != SipTransportProtocol.Udp)
        {
            contact.Parameters.Set("transport", target.EndPoint.Protocol.ToString().ToLowerInvariant());
        }

        var request = new SipRequest(SipMethods.Register, requestUri);
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, $"<{AddressOfRecord}>;tag={_fromTag}");
        request.Headers.Add(SipHeaderNames.To, $"<{AddressOfRecord}>");
        request.Headers.Add(SipHeaderNames.CallId, _callId);
        request.Headers.Add(SipHeaderNames.CSeq, string.Create(CultureInfo.InvariantCulture, $"{++_cseq} {SipMethods.Register}"));
        request.Headers.Add(SipHeaderNames.Contact, $"<{contact}>");
        request.Headers.Add(SipHeaderNames.Expires, expires.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("User-Agent", "FaxBox");
        request.SetBody(null, ReadOnlyMemory<byte>.Empty);
        return request;
    }

    /// <summary>The lifetime the registrar granted to our Contact (its expires parameter, else Expires, else what we asked).</summary>
    private int GrantedExpires(SipResponse response, SipTarget target, int asked)
    {
        var local = _sender.LocalEndPointFor(target).Address;
        foreach (var contact in response.Contacts)
        {
            if (string.Equals(contact.Uri.User, _account.Username, StringComparison.Ordinal) &&
                string.Equals(contact.Uri.HostWithoutBrackets, local.Address.ToString(), StringComparison.OrdinalIgnoreCase) &&
                (contact.Uri.Port ?? 5060) == local.Port &&
                int.TryParse(contact.Parameters.Get("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out int fromContact))
            {
                return fromContact;
            }
        }

        return int.TryParse(response.Headers.Get(SipHeaderNames.Expires), NumberStyles.None, CultureInfo.InvariantCulture, out int fromHeader) ? fromHeader : asked;
    }

    private SipRegistrationStatus Fail(SipTarget? target, int? code, string reason)
    {
        LogFailed(_logger, AddressOfRecord, reason);
        return new SipRegistrationStatus(AddressOfRecord, SipRegistrationState.Failed, target, null, code, reason, null);
    }

    private async Task PublishAsync(SipRegistrationStatus status, CancellationToken cancellationToken)
    {
        Status = status;
        Func<SipRegistrationStatus, CancellationToken, ValueTask>[] subscribers;
        lock (_subscribers)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            try
            {
                await subscriber(status, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // a subscriber's failure is logged and never stops the registration
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSubscriberFailed(_logger, e, AddressOfRecord);
            }
        }
    }

    private async Task WaitLoopAsync()
    {
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal static (string Host, int? Port) SplitHostPort(string text)
    {
        text = text.Trim();
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close > 0)
            {
                string host = text[..(close + 1)];
                return close + 2 < text.Length && text[close + 1] == ':' && int.TryParse(text[(close + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out int p6) ? (host, p6) : (host, null);
            }
        }

        int colon = text.LastIndexOf(':');
        return colon > 0 && text.IndexOf(':', StringComparison.Ordinal) == colon && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            ? (text[..colon], port)
            : (text, null);
    }
}
