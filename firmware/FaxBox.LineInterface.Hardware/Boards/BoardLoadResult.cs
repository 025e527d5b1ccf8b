namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>The outcome of <see cref="BoardProfileLoader.Load(string)"/>: a profile, or the list of errors (never both).</summary>
public sealed class BoardLoadResult
{
    private BoardLoadResult(BoardProfile? profile, IReadOnlyList<BoardConfigurationError> errors)
    {
        Profile = profile;
        Errors = errors;
    }

    /// <summary>The validated profile; null when <see cref="Errors"/> is not empty.</summary>
    public BoardProfile? Profile { get; }

    /// <summary>Every error found; empty on success.</summary>
    public IReadOnlyList<BoardConfigurationError> Errors { get; }

    /// <summary>True when the file is valid.</summary>
    public bool Succeeded => Profile is not null;

    /// <summary>The profile, or throws <see cref="BoardConfigurationException"/> listing the errors.</summary>
    public BoardProfile GetProfileOrThrow() => Profile ?? throw new BoardConfigurationException(Errors);

    internal static BoardLoadResult Success(BoardProfile profile) => new(profile, []);

    internal static BoardLoadResult Failure(IReadOnlyList<BoardConfigurationError> errors) => new(null, errors);
}
