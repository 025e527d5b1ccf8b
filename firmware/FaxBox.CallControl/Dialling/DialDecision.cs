namespace FaxBox.CallControl.Dialling;

/// <summary>
/// The outcome of one <see cref="DigitCollector"/> step. A value type: <see cref="Continue"/> allocates nothing, and a
/// final decision carries the number (the one string a collection allocates) or a reason.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Number">For <see cref="DialDecisionKind.Dial"/>, the number (or <c>sip:</c> URI of a hotline) to call.</param>
/// <param name="Reason">For <see cref="DialDecisionKind.Invalid"/> and <see cref="DialDecisionKind.Timeout"/>, why, for the log and the call record.</param>
internal readonly record struct DialDecision(DialDecisionKind Kind, string? Number = null, string? Reason = null)
{
    /// <summary>Keep collecting.</summary>
    public static DialDecision Continue => default;

    /// <summary>Whether collection is over (anything but <see cref="DialDecisionKind.Continue"/>).</summary>
    public bool IsFinal => Kind != DialDecisionKind.Continue;

    /// <summary>Place the call to <paramref name="number"/>.</summary>
    public static DialDecision Dial(string number) => new(DialDecisionKind.Dial, number);

    /// <summary>The digits are not a number of the plan.</summary>
    public static DialDecision Invalid(string reason) => new(DialDecisionKind.Invalid, Reason: reason);

    /// <summary>No first digit in time.</summary>
    public static DialDecision Timeout(string reason) => new(DialDecisionKind.Timeout, Reason: reason);

    /// <summary>"Dial 2015550100", "Invalid: ...", "Continue".</summary>
    public override string ToString() => Kind switch
    {
        DialDecisionKind.Dial => $"Dial {Number}",
        DialDecisionKind.Continue => "Continue",
        _ => $"{Kind}: {Reason}",
    };
}
