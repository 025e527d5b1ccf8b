namespace FaxBox.CallControl.Dialling;

/// <summary>How far the digits dialled so far match a <see cref="DialPattern"/> (or a whole dial plan).</summary>
public enum DialMatch
{
    /// <summary>The digits can never match, however many more are dialled: the number is invalid.</summary>
    None,

    /// <summary>The digits are a proper prefix of a match: more digits are needed.</summary>
    Partial,

    /// <summary>The digits match and no longer string could: the number is complete and is sent at once.</summary>
    Complete,

    /// <summary>The digits match and a longer string could match too: sent on <c>#</c> or after the inter-digit timeout.</summary>
    CompleteCanExtend,
}
