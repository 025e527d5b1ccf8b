using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V17;

/// <summary>
/// Named limitation: the managed V.17 classes are not the recommendation's signal (no interop with spandsp, see
/// <see cref="V17InteropTests"/>), so the product's factory refuses V.17 rather than hand out a modem no fax machine
/// understands. When V.17 interoperates, the factory offers it and this test changes.
/// </summary>
public sealed class V17FactoryLimitationTests
{
    [Fact]
    public void The_managed_factory_refuses_V17_and_says_to_use_the_native_one()
    {
        var factory = new ManagedModemFactory();
        var options = new ModemOptions(ModemType.V17, 14400);
        var tx = Assert.Throws<NotSupportedException>(() => factory.CreateTransmitter(options, new PrbsBitSource(1000, 1)));
        var rx = Assert.Throws<NotSupportedException>(() => factory.CreateReceiver(options, new BitErrorCounter(1000, 1, 100)));
        Assert.Contains("use the native one", tx.Message, StringComparison.Ordinal);
        Assert.Contains("V17", rx.Message, StringComparison.Ordinal);
    }
}
