namespace FaxBox.Fax;

/// <summary>Progress of a fax call at a T.30 phase boundary.</summary>
public sealed class FaxProgressEventArgs(FaxPhase phase, FaxStatistics statistics, string? remoteIdent, FaxResult? result) : EventArgs
{
    /// <summary>The phase just reached.</summary>
    public FaxPhase Phase { get; } = phase;

    /// <summary>Transfer statistics at that moment (rate, ECM, pages, bad rows).</summary>
    public FaxStatistics Statistics { get; } = statistics;

    /// <summary>The remote station's identity (TSI or CSI) when known.</summary>
    public string? RemoteIdent { get; } = remoteIdent;

    /// <summary>The final result, at phase E only.</summary>
    public FaxResult? Result { get; } = result;
}
