using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Managed.V17;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;

namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>The two modem engines under test: "managed" (this project) and "native" (libspandsp 0.0.6, the reference).</summary>
internal static class Engines
{
    /// <summary>
    /// The managed factory, plus the work-in-progress V.17 classes the product factory does not offer yet (they only
    /// talk to each other; <see cref="FaxBox.Fax.Managed.Tests.V17.V17InteropTests"/> names that limitation).
    /// </summary>
    public static IModemFactory Managed { get; } = new WithV17(new ManagedModemFactory());

    public static IModemFactory Native => new SpanDspModemFactory();

    public static IModemFactory Named(string name) => name == "managed" ? Managed : Native;

    private sealed class WithV17(IModemFactory inner) : IModemFactory
    {
        public string Name => inner.Name;

        public IModemTransmitter CreateTransmitter(ModemOptions options, IModemBitSource source) =>
            options.Type == ModemType.V17 ? new V17Transmitter(options, source) : inner.CreateTransmitter(options, source);

        public IModemReceiver CreateReceiver(ModemOptions options, IModemBitSink sink) =>
            options.Type == ModemType.V17 ? new V17Receiver(options, sink) : inner.CreateReceiver(options, sink);
    }
}
