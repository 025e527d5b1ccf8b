using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;

namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>The two modem engines under test: "managed" (this project) and "native" (libspandsp 0.0.6, the reference).</summary>
internal static class Engines
{
    public static IModemFactory Managed { get; } = new ManagedModemFactory();

    public static IModemFactory Native => new SpanDspModemFactory();

    public static IModemFactory Named(string name) => name == "managed" ? Managed : Native;
}
