namespace FaxBox.CallControl.Dialling;

/// <summary>Why an outgoing call from an FXS port failed, as the user is told (status, log and call record).</summary>
internal enum CallFailure
{
    /// <summary>Not a failure to signal: the caller gave up (487 after CANCEL).</summary>
    None,

    /// <summary>The called party is busy (486, 600; Q.850 cause 17).</summary>
    Busy,

    /// <summary>The number does not exist or is incomplete (404, 484, 604; Q.850 causes 1, 28).</summary>
    NumberUnknown,

    /// <summary>The number has changed or gone (410; Q.850 cause 22).</summary>
    NumberChanged,

    /// <summary>The number is ambiguous (485; Q.850 cause 1).</summary>
    NumberAmbiguous,

    /// <summary>The call was refused (403; Q.850 cause 21).</summary>
    Refused,

    /// <summary>The trunk wants credentials the box does not have or rejected them (401, 407).</summary>
    NotAuthorised,

    /// <summary>The called party did not answer or is not available (480, 408; Q.850 causes 18, 102).</summary>
    NoAnswer,

    /// <summary>No final response: the INVITE timed out or the transport failed (status 0).</summary>
    Unreachable,

    /// <summary>The network could not complete the call (500, 502, 503, 504; Q.850 causes 38, 41, 102).</summary>
    NetworkFailure,

    /// <summary>Any other 4xx-6xx final response.</summary>
    Other,
}
