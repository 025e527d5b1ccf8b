using FaxBox.Fax;
using FaxBox.Fax.CallerId;
using FaxBox.Fax.Tones;

namespace FaxBox.CallControl.Tests.Bridging;

/// <summary>An engine without a T.30 monitor (as the native engine was before it had one): everything else from <paramref name="inner"/>.</summary>
internal sealed class NoMonitorEngine(IFaxEngine inner) : IFaxEngine
{
    public string Name => "no-monitor";

    public IAudioFaxTerminal CreateAudioTerminal(FaxTerminalOptions options) => inner.CreateAudioTerminal(options);

    public IT38FaxTerminal CreateT38Terminal(FaxTerminalOptions options, IIfpSink packets) => inner.CreateT38Terminal(options, packets);

    public IT38Gateway CreateT38Gateway(T38GatewayOptions options, IIfpSink packets) => inner.CreateT38Gateway(options, packets);

    public IT30Monitor CreateT30Monitor() => throw new NotSupportedException("no T.30 monitor in this engine");

    public IToneDetector CreateToneDetector(ToneDetectorOptions options) => inner.CreateToneDetector(options);

    public IToneGenerator CreateToneGenerator(FaxTone tone) => inner.CreateToneGenerator(tone);

    public IDtmfReceiver CreateDtmfReceiver() => inner.CreateDtmfReceiver();

    public IDtmfGenerator CreateDtmfGenerator() => inner.CreateDtmfGenerator();

    public ICallerIdReceiver CreateCallerIdReceiver(CallerIdStandard standard) => inner.CreateCallerIdReceiver(standard);

    public ICallerIdGenerator CreateCallerIdGenerator(CallerIdStandard standard) => inner.CreateCallerIdGenerator(standard);
}
