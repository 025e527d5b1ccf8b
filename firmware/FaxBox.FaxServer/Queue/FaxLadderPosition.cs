namespace FaxBox.FaxServer.Queue;

/// <summary>Where a job stands on the retry ladder; stored in the job's row.</summary>
/// <param name="FirstRung">
/// The index in <see cref="RetryLadder.Rungs"/> tried first (what last worked for the destination), fixed at the first
/// attempt that carries fax; null before that.
/// </param>
/// <param name="Step">How many rungs the job has stepped down after fax failures (0 = the first rung).</param>
/// <param name="Retries">Retries used after busy, no answer or network errors.</param>
/// <param name="FaxFailures">Attempts that were answered but failed as faxes.</param>
/// <param name="Interruptions">Attempts cut short by the box dying.</param>
public readonly record struct FaxLadderPosition(int? FirstRung, int Step, int Retries, int FaxFailures, int Interruptions)
{
    /// <summary>A new job.</summary>
    public static FaxLadderPosition Start => default;
}
