namespace FaxBox.Core.Status;

/// <summary>One line port.</summary>
/// <param name="Name">"fxs0", "fxo1".</param>
/// <param name="Kind">FXS or FXO.</param>
/// <param name="State">Where the port's call stands.</param>
/// <param name="Number">The port's own number (its DID or line number), if configured.</param>
/// <param name="Account">The SIP account the port uses.</param>
/// <param name="CallId">The SIP Call-ID of the port's call, when it has one.</param>
/// <param name="Since">When the port entered <paramref name="State"/>.</param>
public sealed record PortStatus(string Name, PortKind Kind, PortState State, string? Number, string? Account, string? CallId, DateTimeOffset Since);
