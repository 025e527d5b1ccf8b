using FaxBox.Sip.Messages;

namespace FaxBox.Sip.Parsing;

/// <summary>
/// Why a message was not accepted: the status a careful UAS answers (400, 505, 513 …) with a reason phrase that names
/// the field, a detail for the log, and where it was found.
/// </summary>
/// <param name="StatusCode">The response to send for a request (ignored for responses, which are dropped).</param>
/// <param name="ReasonPhrase">Short reason phrase naming the field, e.g. "Malformed Via header".</param>
/// <param name="Detail">What exactly is wrong, for the log and <c>sip lint</c>.</param>
/// <param name="Offset">Octet offset in the input where the problem was found (-1 when not at one place).</param>
/// <param name="IsResponse">True when the start line was a status line: the message is dropped, not answered.</param>
/// <param name="Headers">The header lines read before the error (to build a response), possibly empty.</param>
/// <param name="Method">The request method when the request line was readable.</param>
public sealed record SipParseError(
    int StatusCode,
    string ReasonPhrase,
    string Detail,
    int Offset,
    bool IsResponse,
    SipHeaderCollection Headers,
    string? Method = null)
{
    public override string ToString() => $"{StatusCode} {ReasonPhrase}: {Detail}" + (Offset >= 0 ? $" (at octet {Offset})" : string.Empty);
}
