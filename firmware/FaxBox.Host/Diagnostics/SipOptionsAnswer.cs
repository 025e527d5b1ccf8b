using FaxBox.Sip.Messages;

namespace FaxBox.Host.Diagnostics;

/// <summary>What <see cref="SipOptionsProbe.SendAsync"/> got: the final response with where and how fast it came, or why none came.</summary>
/// <param name="Response">The final response, or null.</param>
/// <param name="RespondedFrom">The target that answered (<c>udp:192.0.2.10:5060</c>).</param>
/// <param name="RoundTrip">Request to final response.</param>
/// <param name="Headers">The response's Server, User-Agent, Allow, Supported and Accept headers that are present, in that order.</param>
/// <param name="Error">Why there is no response (DNS, every target's failure, timeout), or null.</param>
internal sealed record SipOptionsAnswer(SipResponse? Response, string? RespondedFrom, TimeSpan RoundTrip, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Error);
