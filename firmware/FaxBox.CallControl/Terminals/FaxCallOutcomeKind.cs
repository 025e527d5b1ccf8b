namespace FaxBox.CallControl.Terminals;

/// <summary>How one send attempt ended, in the terms the retry ladder needs.</summary>
public enum FaxCallOutcomeKind
{
    /// <summary>Every page confirmed (MCF) and the session ended normally.</summary>
    Sent,

    /// <summary>The far end was busy (486, 600) — not a fax failure.</summary>
    Busy,

    /// <summary>No answer (408, 480, 487 after the ring timeout) — not a fax failure.</summary>
    NoAnswer,

    /// <summary>The call was refused for good (404, 484, 403, 603…): a wrong number; retrying will not help.</summary>
    Rejected,

    /// <summary>The call was answered but the fax failed (no fax tone, T.30 error, dropped mid-document).</summary>
    FaxFailed,

    /// <summary>
    /// The network or the box's trunk failed (503, timeouts, no route), or the far end vanished mid-call (its host refuses
    /// our media) — retried like busy.
    /// </summary>
    NetworkError,

    /// <summary>Cancelled by the caller's token (job cancelled, box shutting down).</summary>
    Cancelled,
}
