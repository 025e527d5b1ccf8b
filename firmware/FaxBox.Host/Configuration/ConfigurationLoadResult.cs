namespace FaxBox.Host.Configuration;

/// <summary>The outcome of <see cref="FaxBoxConfiguration.Load(string)"/>: a configuration, or the list of errors (never both).</summary>
public sealed class ConfigurationLoadResult
{
    private ConfigurationLoadResult(FaxBoxConfiguration? configuration, IReadOnlyList<ConfigurationError> errors)
    {
        Configuration = configuration;
        Errors = errors;
    }

    /// <summary>The validated configuration; null when <see cref="Errors"/> is not empty.</summary>
    public FaxBoxConfiguration? Configuration { get; }

    /// <summary>Every error found; empty on success.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    /// <summary>True when the configuration is valid.</summary>
    public bool Succeeded => Configuration is not null;

    /// <summary>The configuration, or throws <see cref="FaxBoxConfigurationException"/> listing the errors.</summary>
    public FaxBoxConfiguration GetOrThrow() => Configuration ?? throw new FaxBoxConfigurationException(Errors);

    internal static ConfigurationLoadResult Success(FaxBoxConfiguration configuration) => new(configuration, []);

    internal static ConfigurationLoadResult Failure(IReadOnlyList<ConfigurationError> errors) => new(null, errors);
}
