using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;

namespace FaxBox.Sip.Calls;

/// <summary>
/// The gateway's answer to a <see cref="SipOffer"/>: accept with an SDP answer (200 OK), or refuse with a status code
/// (488 Not Acceptable Here when T.38 is disabled, 491 Request Pending, …). A refusal leaves the current session as it was.
/// </summary>
public sealed record SipOfferDecision
{
    private SipOfferDecision(SdpSessionDescription? answer, int statusCode, string? reasonPhrase)
    {
        Answer = answer;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    /// <summary>The SDP answer, or null for a refusal.</summary>
    public SdpSessionDescription? Answer { get; }

    /// <summary>200 for an acceptance, else the refusal's status code.</summary>
    public int StatusCode { get; }

    public string? ReasonPhrase { get; }

    public static SipOfferDecision Accept(SdpSessionDescription answer) => new(answer ?? throw new ArgumentNullException(nameof(answer)), SipStatusCodes.Ok, null);

    /// <summary>Refuses with a 4xx–6xx (488 by default: "Not Acceptable Here", RFC 3261 §21.4.26).</summary>
    public static SipOfferDecision Refuse(int statusCode = SipStatusCodes.NotAcceptableHere, string? reasonPhrase = null) =>
        statusCode is >= 400 and <= 699
            ? new(null, statusCode, reasonPhrase)
            : throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "a refusal is a 4xx–6xx status");
}
