using FaxBox.LineInterface;

namespace FaxBox.CallControl.Dialling;

/// <summary>
/// Maps the final response to an outgoing INVITE (RFC 3261 §21.4-21.6) to what the FXS port plays (ITU-T E.180/Q.35
/// call-progress tones) and how the failure is reported. A fax machine's dialler and a person both need to tell "busy,
/// try later" from "this number will never work": busy tone for a busy party, SIT (E.180 §2.6, "the call cannot be
/// completed for a reason other than busy or congestion") for a number that is wrong, gone or refused, and congestion
/// for a network that could not complete the call now. The Q.850 causes follow RFC 3398 §8.2.6.1 (SIP status to ISUP
/// cause), as an ISUP gateway would report them.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>486, 600</term><description>busy tone (Q.850 17 user busy)</description></item>
/// <item><term>404, 484, 604</term><description>SIT then congestion: the number is unknown or incomplete (1 unallocated number; 28 address incomplete)</description></item>
/// <item><term>410</term><description>SIT then congestion: number changed (22)</description></item>
/// <item><term>485</term><description>SIT then congestion: ambiguous (1)</description></item>
/// <item><term>403, 401, 407</term><description>SIT: refused, or the trunk wants credentials (21 call rejected); redialling will not help</description></item>
/// <item><term>480, 408, 0</term><description>congestion: no answer, unavailable, or no response at all (18 no user responding; 102 timer expiry)</description></item>
/// <item><term>500, 502, 503, 504</term><description>congestion: network failure (41 temporary failure; 38 network out of order; 102)</description></item>
/// <item><term>487</term><description>nothing: the call was cancelled, the caller already hung up</description></item>
/// <item><term>other 4xx-6xx</term><description>congestion (127 interworking, unspecified)</description></item>
/// </list>
/// </remarks>
internal static class SipFailureSignal
{
    /// <summary>What to play for the final status <paramref name="statusCode"/> (400-699, or 0 for no response).</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a provisional or success code (1xx-3xx) or one outside 0 and 400-699.</exception>
    public static FailureSignal For(int statusCode)
    {
        if (statusCode != 0 && statusCode is < 400 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "not a failure status: expected 400-699, or 0 for a timeout or transport failure");
        }

        return statusCode switch
        {
            486 or 600 => new(statusCode, CallFailure.Busy, CallProgressTone.Busy, CallProgressTone.None, 17),
            404 or 604 => SitThenCongestion(statusCode, CallFailure.NumberUnknown, 1),
            484 => SitThenCongestion(statusCode, CallFailure.NumberUnknown, 28),
            410 => SitThenCongestion(statusCode, CallFailure.NumberChanged, 22),
            485 => SitThenCongestion(statusCode, CallFailure.NumberAmbiguous, 1),
            403 => new(statusCode, CallFailure.Refused, CallProgressTone.Sit, CallProgressTone.None, 21),
            401 or 407 => new(statusCode, CallFailure.NotAuthorised, CallProgressTone.Sit, CallProgressTone.None, 21),
            480 => Congestion(statusCode, CallFailure.NoAnswer, 18),
            408 => Congestion(statusCode, CallFailure.NoAnswer, 102),
            0 => Congestion(statusCode, CallFailure.Unreachable, 102),
            500 or 503 => Congestion(statusCode, CallFailure.NetworkFailure, 41),
            502 => Congestion(statusCode, CallFailure.NetworkFailure, 38),
            504 => Congestion(statusCode, CallFailure.NetworkFailure, 102),
            487 => new(statusCode, CallFailure.None, CallProgressTone.None, CallProgressTone.None, 127),
            _ => Congestion(statusCode, CallFailure.Other, 127),
        };
    }

    private static FailureSignal SitThenCongestion(int code, CallFailure failure, int cause) =>
        new(code, failure, CallProgressTone.Sit, CallProgressTone.Congestion, cause);

    private static FailureSignal Congestion(int code, CallFailure failure, int cause) =>
        new(code, failure, CallProgressTone.Congestion, CallProgressTone.None, cause);
}
