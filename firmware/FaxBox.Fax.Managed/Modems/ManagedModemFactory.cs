using FaxBox.Fax.Managed.V17;
using FaxBox.Fax.Managed.V21;
using FaxBox.Fax.Managed.V27ter;
using FaxBox.Fax.Managed.V29;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Modems;

/// <summary>
/// The managed engine's modems, written in C# from the ITU-T texts: V.21 channel 2 (<c>V21/</c>), V.27ter
/// (<c>V27ter/</c>), V.29 (<c>V29/</c>) and V.17 (<c>V17/</c>, long training interoperable with spandsp; see
/// <see cref="V17Training"/> for the short training's limits). A modem not available throws
/// <see cref="NotSupportedException"/> naming it.
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
            ModemType.V17 => new V17Transmitter(options, source),
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
            ModemType.V17 => new V17Receiver(options, sink),
            ModemType.V29 => new V29Receiver(options, sink),
            ModemType.V27ter => new V27terReceiver(options, sink),
            _ => throw NotYet(options.Type),
        };
    }

    private static NotSupportedException NotYet(ModemType type) => new($"the managed {type} modem is not available yet; use the native one");
}
