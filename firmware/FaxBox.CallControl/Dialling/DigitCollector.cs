using FaxBox.CallControl.Configuration;

namespace FaxBox.CallControl.Dialling;

/// <summary>Placeholder until the dial plan lands: any digits, sent on # or the inter-digit timeout.</summary>
internal sealed class DigitCollector(DialPlanOptions options)
{
    private readonly System.Text.StringBuilder _digits = new();
    private TimeSpan _last;

    public DialDecision Start(TimeSpan now)
    {
        _digits.Clear();
        _last = now;
        return options.Hotline is { } h && options.HotlineDelay == TimeSpan.Zero ? DialDecision.Dial(h) : DialDecision.Continue;
    }

    public DialDecision Digit(char digit, TimeSpan now)
    {
        _last = now;
        if (digit == '#' && options.HashSends)
        {
            return _digits.Length > 0 ? DialDecision.Dial(_digits.ToString()) : DialDecision.Invalid("nothing dialled");
        }

        _digits.Append(digit);
        return DialDecision.Continue;
    }

    public DialDecision Poll(TimeSpan now) =>
        _digits.Length > 0 && now - _last >= options.InterDigitTimeout ? DialDecision.Dial(_digits.ToString())
        : _digits.Length == 0 && now - _last >= options.FirstDigitTimeout ? DialDecision.Timeout
        : DialDecision.Continue;
}
