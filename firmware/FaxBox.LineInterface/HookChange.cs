namespace FaxBox.LineInterface;

/// <summary>A debounced hook transition reported by an FXS port.</summary>
/// <param name="State">The new state.</param>
/// <param name="At">Port time when the transition was recognised (after debounce; an on-hook is reported only once it
/// has lasted longer than the longest hook flash).</param>
public readonly record struct HookChange(HookState State, TimeSpan At);
