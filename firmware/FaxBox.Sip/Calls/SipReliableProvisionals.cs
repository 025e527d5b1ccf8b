using System.Globalization;
using System.Security.Cryptography;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transactions;

namespace FaxBox.Sip.Calls;

/// <summary>
/// Reliable provisional responses of one incoming INVITE (RFC 3262 §3, UAS side): each gets Require: 100rel and an RSeq
/// (the first one random in 1 … 2^31−1, then +1), is retransmitted from T1 doubling until the PRACK with the matching
/// RAck arrives, and after 64·T1 without one the UAS gives up (the give-up callback rejects the INVITE with a 5xx). Only
/// one reliable provisional is outstanding at a time.
/// </summary>
internal sealed class SipReliableProvisionals : IDisposable
{
    private readonly InviteServerTransaction _invite;
    private readonly TimeProvider _time;
    private readonly SipTimerOptions _timers;
    private readonly Action _gaveUp;
    private readonly Lock _lock = new();
    private uint _rseq;
    private SipResponse? _pending;
    private ITimer? _timer;
    private TimeSpan _interval;
    private long _startedAt;

    public SipReliableProvisionals(InviteServerTransaction invite, TimeProvider time, SipTimerOptions timers, Action gaveUp)
    {
        _invite = invite;
        _time = time;
        _timers = timers;
        _gaveUp = gaveUp;
        Span<byte> random = stackalloc byte[4];
        RandomNumberGenerator.Fill(random);
        _rseq = (BitConverter.ToUInt32(random) % 0x7FFF_0000u) + 1;
    }

    /// <summary>True while a reliable provisional waits for its PRACK.</summary>
    public bool IsPending
    {
        get
        {
            lock (_lock)
            {
                return _pending is not null;
            }
        }
    }

    /// <summary>True when the outstanding reliable provisional carries SDP: a 2xx must wait for its PRACK (RFC 3262 §3).</summary>
    public bool PendingHasSdp
    {
        get
        {
            lock (_lock)
            {
                return _pending is { Body.IsEmpty: false };
            }
        }
    }

    /// <summary>The RSeq of the last reliable provisional sent.</summary>
    public uint LastRSeq => _rseq - 1;

    /// <summary>Sends <paramref name="response"/> reliably; false when another one still waits for its PRACK.</summary>
    public bool Send(SipResponse response)
    {
        lock (_lock)
        {
            if (_pending is not null)
            {
                return false;
            }

            response.Headers.Add(SipHeaderNames.Require, "100rel");
            response.Headers.Add(SipHeaderNames.RSeq, _rseq.ToString(CultureInfo.InvariantCulture));
            _rseq++;
            _pending = response;
            _interval = _timers.T1;
            _startedAt = _time.GetTimestamp();
            _invite.SendResponse(response);
            Schedule();
            return true;
        }
    }

    /// <summary>
    /// Matches a PRACK's RAck ("response-num CSeq-num method", RFC 3262 §7.2) to the outstanding response; true when it
    /// acknowledged it (retransmissions stop).
    /// </summary>
    public bool Acknowledge(SipRequest prack)
    {
        var rack = prack.Headers.Get(SipHeaderNames.RAck);
        if (rack is null)
        {
            return false;
        }

        var parts = rack.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3
            || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rseq)
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cseq)
            || parts[2] != SipMethods.Invite
            || cseq != _invite.Request.CSeq!.Value.Number)
        {
            return false;
        }

        lock (_lock)
        {
            if (_pending is null || rseq != _rseq - 1)
            {
                return false;
            }

            _pending = null;
            _timer?.Dispose();
            _timer = null;
            return true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _pending = null;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Schedule()
    {
        _timer?.Dispose();
        _timer = _time.CreateTimer(static s => ((SipReliableProvisionals)s!).OnTimer(), this, _interval, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        bool gaveUp;
        lock (_lock)
        {
            if (_pending is null)
            {
                return;
            }

            gaveUp = _time.GetElapsedTime(_startedAt) >= _timers.TransactionTimeout;
            if (gaveUp)
            {
                _pending = null;
                _timer?.Dispose();
                _timer = null;
            }
            else
            {
                try
                {
                    _invite.SendResponse(_pending);
                }
                catch (InvalidOperationException)
                {
                    _pending = null; // the INVITE got its final response meanwhile
                    return;
                }

                _interval += _interval;
                var left = _timers.TransactionTimeout - _time.GetElapsedTime(_startedAt);
                if (left < _interval)
                {
                    _interval = left; // the last wait ends exactly at 64·T1, when the UAS gives up
                }

                Schedule();
            }
        }

        if (gaveUp)
        {
            _gaveUp();
        }
    }
}
