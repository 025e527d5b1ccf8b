namespace FaxBox.Host.Configuration;

/// <summary>A configuration that cannot be used; <see cref="Exception.Message"/> lists every error, one per line.</summary>
public sealed class FaxBoxConfigurationException : Exception
{
    public FaxBoxConfigurationException()
        : this([])
    {
    }

    public FaxBoxConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public FaxBoxConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception from the loader's errors.</summary>
    public FaxBoxConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found (the loader does not stop at the first).</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigurationError> errors) => errors.Count switch
    {
        0 => "invalid configuration",
        1 => "invalid configuration: " + errors[0],
        _ => $"invalid configuration ({errors.Count} errors):" + Environment.NewLine + string.Join(Environment.NewLine, errors),
    };
}
