namespace FaxBox.Admin.Settings;

/// <summary>What a save or restore did.</summary>
public sealed record AdminSaveResult
{
    /// <summary>Why nothing was saved; empty when the configuration was saved.</summary>
    public IReadOnlyList<AdminConfigurationError> Errors { get; init; } = [];

    /// <summary>True when the file was written.</summary>
    public bool Saved => Errors.Count == 0;

    /// <summary>The file written.</summary>
    public string? SavedTo { get; init; }

    /// <summary>The copy of the file it replaced, or null when there was none.</summary>
    public string? PreviousCopy { get; init; }

    /// <summary>The keys whose values changed.</summary>
    public IReadOnlyList<string> Changed { get; init; } = [];

    /// <summary>The changed keys the running box applied now.</summary>
    public IReadOnlyList<string> AppliedLive { get; init; } = [];

    /// <summary>The changed keys that apply only after a restart.</summary>
    public IReadOnlyList<string> NeedsRestart { get; init; } = [];
}
