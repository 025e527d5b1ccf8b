using FaxBox.Fax;
using FaxBox.Fax.Managed.T38;
using FaxBox.Fax.SpanDsp;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Cli;

/// <summary>
/// Creates the fax engine named on the command line. "native" is Debian's libspandsp2 for the signal processing (audio
/// terminals, the T.38 gateway, tones, DTMF, caller ID) with FaxBox's own T.30-over-T.38 terminal
/// (<see cref="ManagedT38TerminalEngine"/>: streaming pages, a few KiB per call instead of libspandsp's page buffers).
/// </summary>
internal static class EngineFactory
{
    public static readonly string[] Names = ["native", "managed"];

    /// <summary>The engine, or throws <see cref="FaxEngineUnavailableException"/> saying why it cannot run.</summary>
    public static IFaxEngine Create(string name, ILoggerFactory loggerFactory) => name switch
    {
        "native" => new ManagedT38TerminalEngine(new SpanDspFaxEngine(loggerFactory), loggerFactory),
        "managed" => throw new FaxEngineUnavailableException("the managed engine is not available yet: its modems are a later issue; use --engine native"),
        _ => throw new FaxEngineUnavailableException($"unknown engine '{name}': use native or managed"),
    };
}
