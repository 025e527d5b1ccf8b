namespace FaxBox.Core.Status;

/// <summary>A call in progress.</summary>
/// <param name="CallId">The SIP Call-ID.</param>
/// <param name="Port">The line port (or "terminal" for the box's own fax terminal).</param>
/// <param name="Direction">"inbound" (from SIP to the port) or "outbound" (from the port to SIP).</param>
/// <param name="LocalNumber">The port's number or the dialled number on inbound calls.</param>
/// <param name="RemoteNumber">The far party: dialled digits on outbound calls, the caller on inbound.</param>
/// <param name="Media">What the media path carries now.</param>
/// <param name="Started">When the call started.</param>
public sealed record CallStatus(string CallId, string Port, string Direction, string? LocalNumber, string? RemoteNumber, CallMediaMode Media, DateTimeOffset Started);
