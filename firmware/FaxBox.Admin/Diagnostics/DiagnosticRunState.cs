namespace FaxBox.Admin.Diagnostics;

/// <summary>Where a diagnostic run is.</summary>
public enum DiagnosticRunState
{
    /// <summary>Still running.</summary>
    Running,

    /// <summary>Finished: the check passed.</summary>
    Passed,

    /// <summary>Finished: the check failed (the summary says what).</summary>
    Failed,

    /// <summary>Could not run (the summary says why).</summary>
    Error,

    /// <summary>Stopped because the site stopped.</summary>
    Cancelled,
}
