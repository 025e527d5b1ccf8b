using FaxBox.Fax;
using FaxBox.Fax.SpanDsp;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Cli;

/// <summary>Creates the fax engine named on the command line.</summary>
internal static class EngineFactory
{
    public static readonly string[] Names = ["native", "managed"];

    /// <summary>The engine, or throws <see cref="FaxEngineUnavailableException"/> saying why it cannot run.</summary>
    public static IFaxEngine Create(string name, ILoggerFactory loggerFactory) => name switch
    {
        "native" => new SpanDspFaxEngine(loggerFactory),
        "managed" => throw new FaxEngineUnavailableException("the managed engine is not available yet: its modems are a later issue; use --engine native"),
        _ => throw new FaxEngineUnavailableException($"unknown engine '{name}': use native or managed"),
    };
}
