namespace FaxBox.CallControl.Terminals;

/// <summary>An incoming call the gateway offers to the box's own fax terminal.</summary>
/// <param name="CallId">The SIP Call-ID.</param>
/// <param name="CalledNumber">The number dialled (Request-URI or To user part), or the FXO port's configured number.</param>
/// <param name="CallerNumber">The caller's number (From user part or FXO caller ID), when known.</param>
/// <param name="CallerName">The caller's display name, when known.</param>
/// <param name="Via">Where it came from: a SIP account name, or a line port ("fxs0" for store-and-forward, "fxo1").</param>
public sealed record InboundFaxCall(string CallId, string CalledNumber, string? CallerNumber, string? CallerName, string Via);
