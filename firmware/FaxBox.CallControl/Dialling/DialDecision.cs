namespace FaxBox.CallControl.Dialling;

/// <summary>Placeholder until the dial plan lands.</summary>
internal readonly record struct DialDecision(DialDecisionKind Kind, string? Number, string? Reason)
{
    public static DialDecision Continue => new(DialDecisionKind.Continue, null, null);

    public static DialDecision Timeout => new(DialDecisionKind.Timeout, null, "no digits");

    public static DialDecision Dial(string number) => new(DialDecisionKind.Dial, number, null);

    public static DialDecision Invalid(string reason) => new(DialDecisionKind.Invalid, null, reason);
}
