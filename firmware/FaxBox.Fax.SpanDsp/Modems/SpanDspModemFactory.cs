using FaxBox.Fax.Modems;

namespace FaxBox.Fax.SpanDsp.Modems;

/// <summary>
/// The modems of Debian's libspandsp2 0.0.6 (the native reference engine): V.21 channel 2 (<c>fsk_tx/fsk_rx</c>),
/// V.27ter, V.29 and V.17 (<c>v*_tx/v*_rx</c>). Known limits of 0.0.6: no V.27ter short training on transmit, and a
/// receiver cannot start with a short training (it keeps its equaliser only across restarts of the same state).
/// </summary>
public sealed class SpanDspModemFactory : IModemFactory
{
    /// <summary>Checks that libspandsp is present with the 0.0.6 ABI; throws <see cref="FaxEngineUnavailableException"/> otherwise.</summary>
    public SpanDspModemFactory()
    {
        SpanDspLibrary.EnsureAvailable();
    }

    public string Name => "native";

    public IModemTransmitter CreateTransmitter(ModemOptions options, IModemBitSource source) =>
        new SpanDspModemTransmitter(options, source);

    public IModemReceiver CreateReceiver(ModemOptions options, IModemBitSink sink) =>
        new SpanDspModemReceiver(options, sink);
}
