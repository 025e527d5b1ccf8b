using FaxBox.Fax;
using FaxBox.Fax.CallerId;
using FaxBox.Fax.Tones;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// An <see cref="IFaxEngine"/> decorator that times the per-frame calls of the audio T.30 terminals and T.38 gateways it
/// makes on one <see cref="CpuMeter"/> (everything else, tone detectors and generators, DTMF, caller ID, monitors, is
/// forwarded untimed). Given to the line simulator it measures the virtual fax machines' modems; given to the gateway's
/// media, the engine's T.38 gateways.
/// </summary>
internal sealed class MeteredEngine : IFaxEngine
{
    private readonly IFaxEngine _inner;

    public MeteredEngine(IFaxEngine inner, CpuMeter meter)
    {
        _inner = inner;
        Meter = meter;
    }

    public CpuMeter Meter { get; }

    public string Name => _inner.Name;

    public IAudioFaxTerminal CreateAudioTerminal(FaxTerminalOptions options) => new MeteredAudioTerminal(_inner.CreateAudioTerminal(options), Meter);

    public IT38FaxTerminal CreateT38Terminal(FaxTerminalOptions options, IIfpSink packets) => _inner.CreateT38Terminal(options, packets);

    /// <summary>The options of the last T.38 gateway made through this engine (the bench checks its relay baseline against them).</summary>
    public T38GatewayOptions? LastGatewayOptions { get; private set; }

    public IT38Gateway CreateT38Gateway(T38GatewayOptions options, IIfpSink packets)
    {
        LastGatewayOptions = options;
        return new MeteredT38Gateway(_inner.CreateT38Gateway(options, packets), Meter);
    }

    public IT30Monitor CreateT30Monitor() => _inner.CreateT30Monitor();

    public IToneDetector CreateToneDetector(ToneDetectorOptions options) => _inner.CreateToneDetector(options);

    public IToneGenerator CreateToneGenerator(FaxTone tone) => _inner.CreateToneGenerator(tone);

    public IDtmfReceiver CreateDtmfReceiver() => _inner.CreateDtmfReceiver();

    public IDtmfGenerator CreateDtmfGenerator() => _inner.CreateDtmfGenerator();

    public ICallerIdReceiver CreateCallerIdReceiver(CallerIdStandard standard) => _inner.CreateCallerIdReceiver(standard);

    public ICallerIdGenerator CreateCallerIdGenerator(CallerIdStandard standard) => _inner.CreateCallerIdGenerator(standard);
}
