namespace FaxBox.LineInterface;

/// <summary>The switch-hook state of the terminal on a loop (ITU-T Q.9 "on-hook"/"off-hook").</summary>
public enum HookState
{
    /// <summary>Loop open: the handset rests, no loop current flows.</summary>
    OnHook,

    /// <summary>Loop closed: the terminal draws loop current.</summary>
    OffHook,
}
