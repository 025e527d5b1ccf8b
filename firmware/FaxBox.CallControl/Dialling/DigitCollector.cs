using System.Globalization;
using FaxBox.CallControl.Configuration;

namespace FaxBox.CallControl.Dialling;

/// <summary>
/// Collects the digits an FXS port's user dials after dial tone and decides when they form a number, following a
/// <see cref="DialPlanOptions"/>. It has no clock and no timer of its own: the port's call state machine drives it with
/// its media time (<see cref="Start"/>, <see cref="Digit"/>, <see cref="Poll"/>) and may use <see cref="Deadline"/> to
/// know when the next <see cref="Poll"/> can change anything.
/// </summary>
/// <remarks>
/// <para>Rules, in order:</para>
/// <list type="bullet">
/// <item>A hotline with <see cref="DialPlanOptions.HotlineDelay"/> zero is dialled at <see cref="Start"/>. With a delay
/// (a warm line) it is dialled when the delay passes without a digit; a first digit cancels it and the digits are
/// collected as usual. With a hotline the first-digit timeout does not apply (the hotline is what "no digit" means).</item>
/// <item>Without a digit for <see cref="DialPlanOptions.FirstDigitTimeout"/> after <see cref="Start"/>: Timeout.</item>
/// <item>A digit that leaves no pattern able to match: Invalid at once. A digit completing a pattern that no longer
/// string could match: Dial at once. Otherwise the inter-digit timer restarts: when it expires a matching number
/// (<see cref="DialMatch.CompleteCanExtend"/>) is dialled and an incomplete one is Invalid.</item>
/// <item>With <see cref="DialPlanOptions.HashSends"/>, <c>#</c> sends the digits collected so far (Dial if they match,
/// else Invalid) unless a pattern takes <c>#</c> at this point (<c>*xx#</c>): then it is a digit like any other.</item>
/// <item>The <see cref="DialPlanOptions.MaxDigits"/>-th digit ends collection: Dial if the digits match, else Invalid.</item>
/// <item>Timeouts expire when the time reaches the deadline (at <c>start + timeout</c> exactly, not one tick later).
/// A digit reported at or after an expired deadline loses to the timeout: the timeout's decision is returned and the
/// digit is dropped, as if the port had polled first.</item>
/// </list>
/// <para>After a final decision the collector ignores further digits (returns Continue) until the next
/// <see cref="Start"/>. Allocation-free per digit: the number string is allocated once, with the Dial decision.</para>
/// </remarks>
internal sealed class DigitCollector
{
    private readonly DialPattern[] _patterns;
    private readonly ulong[] _states;
    private readonly char[] _digits;
    private readonly string? _hotline;
    private readonly TimeSpan _hotlineDelay;
    private readonly TimeSpan _interDigitTimeout;
    private readonly TimeSpan _firstDigitTimeout;
    private readonly bool _hashSends;
    private readonly string _firstDigitTimeoutReason;
    private readonly string _maxDigitsReason;
    private int _count;
    private bool _collecting;
    private bool _warmLine;
    private TimeSpan _deadline;

    /// <summary>Builds a collector for <paramref name="options"/>; throws <see cref="FormatException"/> for a bad pattern.</summary>
    public DigitCollector(DialPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDigits, 1);
        _patterns = [.. options.Patterns.Select(DialPattern.Parse)];
        _states = new ulong[_patterns.Length];
        _digits = new char[options.MaxDigits];
        _hotline = options.Hotline;
        _hotlineDelay = options.HotlineDelay;
        _interDigitTimeout = options.InterDigitTimeout;
        _firstDigitTimeout = options.FirstDigitTimeout;
        _hashSends = options.HashSends;
        _firstDigitTimeoutReason = string.Create(CultureInfo.InvariantCulture, $"no digit dialled within {options.FirstDigitTimeout.TotalSeconds:0.###} s of dial tone");
        _maxDigitsReason = string.Create(CultureInfo.InvariantCulture, $"{options.MaxDigits} digits dialled (the most allowed) and they match no pattern");
    }

    /// <summary>Whether digits are being collected (started and no final decision yet).</summary>
    public bool IsCollecting => _collecting;

    /// <summary>The digits collected so far (valid until the next call).</summary>
    public ReadOnlySpan<char> Digits => _digits.AsSpan(0, _count);

    /// <summary>When the pending timer (first digit, warm line or inter-digit) expires; null when not collecting.</summary>
    public TimeSpan? Deadline => _collecting ? _deadline : null;

    /// <summary>Starts collecting at <paramref name="now"/> (the port went off-hook and plays dial tone).</summary>
    public DialDecision Start(TimeSpan now)
    {
        _count = 0;
        for (var i = 0; i < _patterns.Length; i++)
        {
            _states[i] = _patterns[i].Start;
        }

        _warmLine = false;
        if (_hotline is not null)
        {
            if (_hotlineDelay <= TimeSpan.Zero)
            {
                _collecting = false;
                return DialDecision.Dial(_hotline);
            }

            _warmLine = true;
            _deadline = now + _hotlineDelay;
        }
        else
        {
            _deadline = now + _firstDigitTimeout;
        }

        _collecting = true;
        return DialDecision.Continue;
    }

    /// <summary>
    /// One dialled digit (DTMF 0-9, *, #, A-D or a pulse-dialled digit) at <paramref name="now"/>; A-D match no pattern.
    /// </summary>
    public DialDecision Digit(char digit, TimeSpan now)
    {
        if (digit is not ((>= '0' and <= '9') or '*' or '#' or (>= 'A' and <= 'D')))
        {
            throw new ArgumentOutOfRangeException(nameof(digit), digit, "not a telephone digit (0-9, *, #, A-D)");
        }

        if (!_collecting)
        {
            return DialDecision.Continue;
        }

        var expired = Poll(now);
        if (expired.IsFinal)
        {
            return expired;
        }

        _warmLine = false;
        if (digit == '#' && _hashSends && !AnyPatternTakes('#'))
        {
            return Send();
        }

        var match = Append(digit);
        if (match == DialMatch.None)
        {
            return Finish(DialDecision.Invalid(string.Create(CultureInfo.InvariantCulture, $"'{Digits}' matches no pattern of the dial plan")));
        }

        if (match == DialMatch.Complete)
        {
            return Finish(DialDecision.Dial(new string(Digits)));
        }

        if (_count == _digits.Length)
        {
            return Finish(match == DialMatch.CompleteCanExtend ? DialDecision.Dial(new string(Digits)) : DialDecision.Invalid(_maxDigitsReason));
        }

        _deadline = now + _interDigitTimeout;
        return DialDecision.Continue;
    }

    /// <summary>Checks the timers at <paramref name="now"/>; Continue until one expires.</summary>
    public DialDecision Poll(TimeSpan now)
    {
        if (!_collecting || now < _deadline)
        {
            return DialDecision.Continue;
        }

        if (_warmLine)
        {
            return Finish(DialDecision.Dial(_hotline!));
        }

        if (_count == 0)
        {
            return Finish(DialDecision.Timeout(_firstDigitTimeoutReason));
        }

        return Match() == DialMatch.CompleteCanExtend
            ? Finish(DialDecision.Dial(new string(Digits)))
            : Finish(DialDecision.Invalid(string.Create(CultureInfo.InvariantCulture, $"'{Digits}' is incomplete: no further digit within {_interDigitTimeout.TotalSeconds:0.###} s")));
    }

    /// <summary>Stops collecting (the port went on-hook).</summary>
    public void Stop() => _collecting = false;

    private DialDecision Send()
    {
        if (_count == 0)
        {
            return Finish(DialDecision.Invalid("'#' pressed before any digit"));
        }

        return Match() is DialMatch.Complete or DialMatch.CompleteCanExtend
            ? Finish(DialDecision.Dial(new string(Digits)))
            : Finish(DialDecision.Invalid(string.Create(CultureInfo.InvariantCulture, $"'#' sent '{Digits}', which matches no pattern of the dial plan")));
    }

    private DialDecision Finish(DialDecision decision)
    {
        _collecting = false;
        return decision;
    }

    private bool AnyPatternTakes(char digit)
    {
        for (var i = 0; i < _patterns.Length; i++)
        {
            if (_states[i] != 0 && _patterns[i].Step(_states[i], digit) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private DialMatch Append(char digit)
    {
        _digits[_count++] = digit;
        for (var i = 0; i < _patterns.Length; i++)
        {
            if (_states[i] != 0)
            {
                _states[i] = _patterns[i].Step(_states[i], digit);
            }
        }

        return Match();
    }

    private DialMatch Match()
    {
        // The plan matches as its patterns do together: complete if any pattern is complete, extendable if any can grow.
        var accepted = false;
        var canExtend = false;
        for (var i = 0; i < _patterns.Length; i++)
        {
            if (_states[i] == 0)
            {
                continue;
            }

            switch (_patterns[i].Classify(_states[i]))
            {
                case DialMatch.Complete:
                    accepted = true;
                    break;
                case DialMatch.CompleteCanExtend:
                    accepted = canExtend = true;
                    break;
                case DialMatch.Partial:
                    canExtend = true;
                    break;
            }
        }

        return (accepted, canExtend) switch
        {
            (true, true) => DialMatch.CompleteCanExtend,
            (true, false) => DialMatch.Complete,
            (false, true) => DialMatch.Partial,
            _ => DialMatch.None,
        };
    }
}
