namespace FaxBox.CallControl.Dialling;

/// <summary>Placeholder until the dial plan lands.</summary>
internal enum DialDecisionKind
{
    Continue,
    Dial,
    Invalid,
    Timeout,
}
