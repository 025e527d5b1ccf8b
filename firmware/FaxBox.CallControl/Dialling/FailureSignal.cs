using FaxBox.LineInterface;

namespace FaxBox.CallControl.Dialling;

/// <summary>
/// What an FXS port plays after an outgoing call fails (see <see cref="SipFailureSignal"/>): <see cref="Tone"/> first,
/// and, when <see cref="Then"/> is not <see cref="CallProgressTone.None"/>, <see cref="Then"/> after
/// <see cref="ThenAfter"/> until the user hangs up.
/// </summary>
/// <param name="StatusCode">The SIP final status code (0: no response, timeout or transport failure).</param>
/// <param name="Failure">Why, as the user is told.</param>
/// <param name="Tone">The tone played first; <see cref="CallProgressTone.None"/> for no tone.</param>
/// <param name="Then">The tone that follows; <see cref="CallProgressTone.None"/> when <paramref name="Tone"/> plays on.</param>
/// <param name="Q850Cause">The ITU-T Q.850 cause value of the failure (RFC 3398 §8.2.6.1), for the call record; 127 when none fits.</param>
internal readonly record struct FailureSignal(int StatusCode, CallFailure Failure, CallProgressTone Tone, CallProgressTone Then, int Q850Cause)
{
    /// <summary>
    /// How long the first tone plays before <see cref="Then"/>: about two SIT cycles (2 s each in E.180 §2.6), where a
    /// network would play SIT before its announcement.
    /// </summary>
    public static readonly TimeSpan ThenAfter = TimeSpan.FromSeconds(4);

    /// <summary>A short text for the user and the log: "busy", "number unknown", ...</summary>
    public string Description => Failure switch
    {
        CallFailure.None => "cancelled",
        CallFailure.Busy => "busy",
        CallFailure.NumberUnknown => "number unknown",
        CallFailure.NumberChanged => "number changed",
        CallFailure.NumberAmbiguous => "number ambiguous",
        CallFailure.Refused => "call refused",
        CallFailure.NotAuthorised => "not authorised by the trunk",
        CallFailure.NoAnswer => "no answer",
        CallFailure.Unreachable => "unreachable (no response)",
        CallFailure.NetworkFailure => "network failure",
        _ => "call failed",
    };

    /// <summary>"404 number unknown: Sit then Congestion".</summary>
    public override string ToString() =>
        $"{StatusCode} {Description}: {Tone}{(Then == CallProgressTone.None ? string.Empty : $" then {Then}")}";
}
