namespace FaxBox.LineInterface;

/// <summary>The far end cleared, as recognised by an FXO port's disconnect supervision.</summary>
/// <param name="Reason">Which supervision signal fired.</param>
/// <param name="At">Port time when it was recognised.</param>
public readonly record struct FxoDisconnect(FxoDisconnectReason Reason, TimeSpan At);
