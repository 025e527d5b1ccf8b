namespace FaxBox.LineInterface.Signalling;

/// <summary>What one tick of hook sampling completed.</summary>
internal enum HookSignal
{
    /// <summary>Nothing new.</summary>
    None,

    /// <summary>The terminal went off-hook (debounced).</summary>
    OffHook,

    /// <summary>The terminal went on-hook (a break longer than the longest flash).</summary>
    OnHook,

    /// <summary>A hook flash ended.</summary>
    Flash,

    /// <summary>A pulse digit is complete: take it with <see cref="HookMonitor.TakePulseDigit"/>.</summary>
    PulseDigit,
}
