using FaxBox.Fax.Managed.V21;
using FaxBox.Fax.Managed.V27ter;
using FaxBox.Fax.Managed.V29;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Modems;

/// <summary>
/// The managed engine's modems, written in C# from the ITU-T texts: V.21 channel 2 (<c>V21/</c>), V.27ter
/// (<c>V27ter/</c>) and V.29 (<c>V29/</c>). A modem not available yet throws <see cref="NotSupportedException"/>
/// naming it. V.17 is not offered: the classes in <c>V17/</c> work only with each other (their signal space and trellis
/// are not yet the recommendation's, so they cannot talk to spandsp or a real fax machine).
/// </summary>
public sealed class ManagedModemFactory : IModemFactory
{
    public string Name => "managed";

    public IModemTransmitter CreateTransmitter(ModemOptions options, IModemBitSource source)
    {
        ModemRates.Ensure(options);
        ArgumentNullException.ThrowIfNull(source);
        return options.Type switch
        {
            ModemType.V21 => new V21Transmitter(options, source),
            ModemType.V29 => new V29Transmitter(options, source),
            ModemType.V27ter => new V27terTransmitter(options, source),
            _ => throw NotYet(options.Type),
        };
    }

    public IModemReceiver CreateReceiver(ModemOptions options, IModemBitSink sink)
    {
        ModemRates.Ensure(options);
        ArgumentNullException.ThrowIfNull(sink);
        return options.Type switch
        {
            ModemType.V21 => new V21Receiver(options, sink),
            ModemType.V29 => new V29Receiver(options, sink),
            ModemType.V27ter => new V27terReceiver(options, sink),
            _ => throw NotYet(options.Type),
        };
    }

    private static NotSupportedException NotYet(ModemType type) => type == ModemType.V17
        ? new("the managed V17 modem is not interoperable yet (its signal space is not the recommendation's); use the native one")
        : new($"the managed {type} modem is not available yet; use the native one");
}
