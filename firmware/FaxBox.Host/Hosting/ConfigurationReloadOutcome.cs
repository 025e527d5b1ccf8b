namespace FaxBox.Host.Hosting;

/// <summary>What one <see cref="ConfigurationWatcher.Reload"/> did.</summary>
public enum ConfigurationReloadOutcome
{
    /// <summary>The file is valid and differs: the change was handed to the apply callback and is now current.</summary>
    Applied,

    /// <summary>The file is valid and says what the running configuration says: nothing to do.</summary>
    Unchanged,

    /// <summary>The file is invalid: every error was logged (FILE: KEY: REASON) and the running configuration kept.</summary>
    Rejected,

    /// <summary>The apply callback threw: logged, and the running configuration kept.</summary>
    ApplyFailed,
}
