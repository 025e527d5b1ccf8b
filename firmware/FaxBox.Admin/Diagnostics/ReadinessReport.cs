namespace FaxBox.Admin.Diagnostics;

/// <summary>The readiness test's outcome: every call and the pass/fail summary.</summary>
/// <param name="Cases">Each call's result, in order.</param>
public sealed record ReadinessReport(IReadOnlyList<ReadinessCaseResult> Cases)
{
    /// <summary>Every call passed.</summary>
    public bool Passed => Cases.Count > 0 && Cases.All(c => c.Passed);

    /// <summary>"PASS: 4 of 4 calls" or "FAIL: 3 of 4 calls passed (failed: …)".</summary>
    public string Summary => Passed
        ? $"PASS: {Cases.Count} of {Cases.Count} calls"
        : $"FAIL: {Cases.Count(c => c.Passed)} of {Cases.Count} calls passed (failed: {string.Join("; ", Cases.Where(c => !c.Passed).Select(c => $"{c.Case.Name}: {c.Result}"))})";
}
