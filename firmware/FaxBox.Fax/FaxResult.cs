namespace FaxBox.Fax;

/// <summary>The outcome of a fax call.</summary>
/// <param name="Completion">How the call ended, in engine-neutral terms.</param>
/// <param name="T30Code">The engine's T.30 completion code (0 = OK).</param>
/// <param name="T30Text">The completion code in words, as the engine states it.</param>
/// <param name="Statistics">Final transfer statistics.</param>
/// <param name="RemoteIdent">The remote station identity, when one was received.</param>
/// <param name="Elapsed">Simulated call time.</param>
public sealed record FaxResult(
    FaxCompletion Completion,
    int T30Code,
    string T30Text,
    FaxStatistics Statistics,
    string? RemoteIdent,
    TimeSpan Elapsed)
{
    /// <summary>
    /// The sub-address the far end sent in a T.30 SUB frame (T.30 §5.3.6.2.4; routing by sub-address), when it sent one
    /// and the engine reports it; null otherwise.
    /// </summary>
    public string? SubAddress { get; init; }

    /// <summary>True when T.30 reported success.</summary>
    public bool Success => Completion == FaxCompletion.Ok;
}

/// <summary>How a fax call ended.</summary>
public enum FaxCompletion
{
    /// <summary>T.30 phase E with success.</summary>
    Ok,

    /// <summary>T.30 phase E with an error (see the T.30 code and text).</summary>
    T30Error,

    /// <summary>The call never reached phase E within the watchdog time.</summary>
    Watchdog,

    /// <summary>The call was aborted by its owner before phase E.</summary>
    Aborted,
}
