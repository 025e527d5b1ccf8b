namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>A board file that cannot be used; <see cref="Exception.Message"/> lists every error, one per line.</summary>
public sealed class BoardConfigurationException : Exception
{
    public BoardConfigurationException()
        : this([])
    {
    }

    public BoardConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public BoardConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception from the loader's errors.</summary>
    public BoardConfigurationException(IReadOnlyList<BoardConfigurationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found (the loader does not stop at the first).</summary>
    public IReadOnlyList<BoardConfigurationError> Errors { get; }

    private static string Describe(IReadOnlyList<BoardConfigurationError> errors) => errors.Count switch
    {
        0 => "invalid board configuration",
        1 => "invalid board configuration: " + errors[0],
        _ => $"invalid board configuration ({errors.Count} errors):" + Environment.NewLine + string.Join(Environment.NewLine, errors),
    };
}
