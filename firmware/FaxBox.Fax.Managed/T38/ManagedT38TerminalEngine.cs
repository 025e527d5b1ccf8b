using FaxBox.Fax.CallerId;
using FaxBox.Fax.Tones;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.Managed.T38;

/// <summary>
/// An engine whose T.38 fax terminals are FaxBox's own (<see cref="ManagedT38Terminals"/>: T.30 over T.38 with streaming
/// T.4 pages, a few KiB per call) and whose every other part — audio terminals, the T.38 gateway, tones, DTMF, caller ID —
/// is <paramref name="inner"/>'s. T.30 over T.38 has no signal processing in it, so it needs nothing of a DSP engine.
/// </summary>
/// <param name="inner">The engine for everything but T.38 terminals (the native libspandsp engine).</param>
/// <param name="loggers">Where the managed terminals log.</param>
public sealed class ManagedT38TerminalEngine(IFaxEngine inner, ILoggerFactory loggers) : IFaxEngine
{
    private readonly IFaxEngine _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly ILogger _logger = (loggers ?? throw new ArgumentNullException(nameof(loggers))).CreateLogger("FaxBox.Fax.Managed.T38");

    /// <summary>The inner engine's name: the DSP parts are the inner engine's.</summary>
    public string Name => _inner.Name;

    /// <summary>
    /// FaxBox's own terminal for a calling sender or an answering receiver (every call the box's fax server makes or
    /// takes); the inner engine's for the turned-round roles (a calling receiver, an answering sender: polling), which
    /// the managed T.30 does not implement.
    /// </summary>
    public IT38FaxTerminal CreateT38Terminal(FaxTerminalOptions options, IIfpSink packets)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsCallingParty == (options.Direction == FaxDirection.Send)
            ? ManagedT38Terminals.Create(options, packets, _logger)
            : _inner.CreateT38Terminal(options, packets);
    }

    /// <inheritdoc />
    public IAudioFaxTerminal CreateAudioTerminal(FaxTerminalOptions options) => _inner.CreateAudioTerminal(options);

    /// <inheritdoc />
    public IT38Gateway CreateT38Gateway(T38GatewayOptions options, IIfpSink packets) => _inner.CreateT38Gateway(options, packets);

    /// <inheritdoc />
    public IT30Monitor CreateT30Monitor() => _inner.CreateT30Monitor();

    /// <inheritdoc />
    public IToneDetector CreateToneDetector(ToneDetectorOptions options) => _inner.CreateToneDetector(options);

    /// <inheritdoc />
    public IToneGenerator CreateToneGenerator(FaxTone tone) => _inner.CreateToneGenerator(tone);

    /// <inheritdoc />
    public IDtmfReceiver CreateDtmfReceiver() => _inner.CreateDtmfReceiver();

    /// <inheritdoc />
    public IDtmfGenerator CreateDtmfGenerator() => _inner.CreateDtmfGenerator();

    /// <inheritdoc />
    public ICallerIdReceiver CreateCallerIdReceiver(CallerIdStandard standard) => _inner.CreateCallerIdReceiver(standard);

    /// <inheritdoc />
    public ICallerIdGenerator CreateCallerIdGenerator(CallerIdStandard standard) => _inner.CreateCallerIdGenerator(standard);
}
