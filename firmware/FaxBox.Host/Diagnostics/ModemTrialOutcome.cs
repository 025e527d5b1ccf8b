namespace FaxBox.Host.Diagnostics;

/// <summary>What both receivers made of the same trials at one <see cref="ModemTrialPoint"/>.</summary>
/// <param name="Point">The point.</param>
/// <param name="Trials">Trials run (seeds 1…Trials).</param>
/// <param name="NativeTcfPassed">Trials in which spandsp's receiver trained and passed the TCF.</param>
/// <param name="ManagedTcfPassed">The same for the managed receiver.</param>
/// <param name="NativeFalseTrainings">Trials in which spandsp's receiver reported a training on the V.21 signal that followed.</param>
/// <param name="ManagedFalseTrainings">The same for the managed receiver.</param>
internal sealed record ModemTrialOutcome(ModemTrialPoint Point, int Trials, int NativeTcfPassed, int ManagedTcfPassed, int NativeFalseTrainings, int ManagedFalseTrainings)
{
    /// <summary>The managed receiver passed at least as many TCFs and reported no more false trainings.</summary>
    public bool ManagedAtLeastAsGood => ManagedTcfPassed >= NativeTcfPassed && ManagedFalseTrainings <= NativeFalseTrainings;

    /// <summary>At least as good and better in one of the two counts.</summary>
    public bool ManagedStrictlyBetter => ManagedAtLeastAsGood && (ManagedTcfPassed > NativeTcfPassed || ManagedFalseTrainings < NativeFalseTrainings);
}
