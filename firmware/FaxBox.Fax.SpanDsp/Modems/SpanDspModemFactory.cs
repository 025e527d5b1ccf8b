using FaxBox.Fax.Modems;

namespace FaxBox.Fax.SpanDsp.Modems;

/// <summary>
/// The modems of Debian's libspandsp2 0.0.6 (the native reference engine): V.21 channel 2 (<c>fsk_tx/fsk_rx</c>),
/// V.27ter, V.29 and V.17 (<c>v*_tx/v*_rx</c>). Known limits of 0.0.6: no V.27ter short training on transmit, and a
/// receiver cannot start with a short training (it keeps its equaliser only across restarts of the same state).
/// </summary>
public sealed class SpanDspModemFactory : IModemFactory
{
    /// <summary>The carrier-detect cutoff spandsp's own fax engine sets on its V.29 and V.21 receivers (fax_modems.c), in dBm0.</summary>
    public const float FaxEngineCutoffDbm0 = -45.5f;

    private readonly bool _faxEngineThresholds;

    /// <summary>Checks that libspandsp is present with the 0.0.6 ABI; throws <see cref="FaxEngineUnavailableException"/> otherwise.</summary>
    /// <param name="faxEngineThresholds">
    /// False (default): the receivers keep the thresholds a fresh 0.0.6 modem starts with (V.29 on at −26 dBm0, V.29's
    /// leased-line value). True: V.29 and V.21 receivers get the −45.5 dBm0 cutoff spandsp's fax engine sets on them,
    /// as they run inside a spandsp fax call (V.27ter and V.17 keep their defaults there too).
    /// </param>
    public SpanDspModemFactory(bool faxEngineThresholds = false)
    {
        SpanDspLibrary.EnsureAvailable();
        _faxEngineThresholds = faxEngineThresholds;
    }

    public string Name => "native";

    public IModemTransmitter CreateTransmitter(ModemOptions options, IModemBitSource source) =>
        new SpanDspModemTransmitter(options, source);

    public IModemReceiver CreateReceiver(ModemOptions options, IModemBitSink sink)
    {
        var receiver = new SpanDspModemReceiver(options, sink);
        if (_faxEngineThresholds && options.Type is ModemType.V29 or ModemType.V21)
        {
            receiver.SetSignalCutoff(FaxEngineCutoffDbm0);
        }

        return receiver;
    }
}
