namespace FaxBox.Fax;

/// <summary>T.30 phases that progress is reported at (ITU-T T.30 §2.3).</summary>
public enum FaxPhase
{
    /// <summary>Phase B: pre-message procedure done; capabilities and the remote identity are known.</summary>
    B,

    /// <summary>Phase D: post-message procedure after a page.</summary>
    D,

    /// <summary>Phase E: call release; the result is final.</summary>
    E,
}
