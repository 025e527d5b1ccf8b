using FaxBox.Fax.CallerId;
using FaxBox.Fax.SpanDsp.CallerId;
using FaxBox.Fax.SpanDsp.Logging;
using FaxBox.Fax.SpanDsp.T30;
using FaxBox.Fax.SpanDsp.T38;
using FaxBox.Fax.SpanDsp.Tones;
using FaxBox.Fax.Tones;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.SpanDsp;

/// <summary>The fax engine on Debian's libspandsp2 0.0.6 (see /work/shared notes on its quirks).</summary>
public sealed class SpanDspFaxEngine : IFaxEngine
{
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>
    /// Checks the native library, installs the log bridge and sets malloc's mmap threshold for spandsp's page buffers
    /// (<see cref="Interop.PageBufferHeap"/>); throws <see cref="FaxEngineUnavailableException"/> when the library is missing.
    /// </summary>
    public SpanDspFaxEngine(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        SpanDspLibrary.EnsureAvailable();
        _loggerFactory = loggerFactory;
        SpanDspLog.Install(loggerFactory);
        Interop.PageBufferHeap.EnsureApplied();
    }

    public string Name => "native";

    public IAudioFaxTerminal CreateAudioTerminal(FaxTerminalOptions options) =>
        new SpanDspAudioTerminal(options, Logger(options.LogTag));

    public IT38FaxTerminal CreateT38Terminal(FaxTerminalOptions options, IIfpSink packets) =>
        new SpanDspT38Terminal(options, packets, Logger(options.LogTag));

    public IT38Gateway CreateT38Gateway(T38GatewayOptions options, IIfpSink packets) =>
        new SpanDspT38Gateway(options, packets, Logger(options.LogTag));

    /// <inheritdoc />
    /// <remarks>spandsp's <c>fsk_rx</c> (V.21 channel 2) feeding <c>hdlc_rx</c> natively; see <see cref="SpanDspT30Monitor"/>.</remarks>
    public IT30Monitor CreateT30Monitor() => new SpanDspT30Monitor();

    public IToneDetector CreateToneDetector(ToneDetectorOptions options) => new SpanDspToneDetector(options);

    public IToneGenerator CreateToneGenerator(FaxTone tone) => new SpanDspToneGenerator(tone);

    public IDtmfReceiver CreateDtmfReceiver() => new SpanDspDtmfReceiver();

    public IDtmfGenerator CreateDtmfGenerator() => new SpanDspDtmfGenerator();

    public ICallerIdReceiver CreateCallerIdReceiver(CallerIdStandard standard) => new SpanDspCallerIdReceiver(standard);

    public ICallerIdGenerator CreateCallerIdGenerator(CallerIdStandard standard) => new SpanDspCallerIdGenerator(standard);

    private ILogger Logger(string tag) => _loggerFactory.CreateLogger($"FaxBox.Fax.SpanDsp.{tag}");
}
