namespace FaxBox.CallControl.Dialling;

/// <summary>What an FXS port does next while it collects digits (see <see cref="DigitCollector"/>).</summary>
internal enum DialDecisionKind
{
    /// <summary>Keep collecting: keep the line as it is (dial tone stops at the first digit).</summary>
    Continue,

    /// <summary>Place the call to <see cref="DialDecision.Number"/>.</summary>
    Dial,

    /// <summary>The digits can never form a number of the dial plan: play congestion (<see cref="DialDecision.Reason"/> says why).</summary>
    Invalid,

    /// <summary>No digit was dialled within the first-digit timeout: play congestion.</summary>
    Timeout,
}
