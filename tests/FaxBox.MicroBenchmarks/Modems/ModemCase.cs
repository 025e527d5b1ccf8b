using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>The modem and rate a modem benchmark runs, for every modem the managed engine has (so each has a managed side).</summary>
public sealed record ModemCase(ModemType Type, int BitRate)
{
    public override string ToString() => $"{Type}-{BitRate}";

    /// <summary>Every modem and rate the managed factory can build today; the others are left out until they exist.</summary>
    public static IEnumerable<ModemCase> Available()
    {
        var managed = new ManagedModemFactory();
        foreach (var type in Enum.GetValues<ModemType>())
        {
            foreach (var rate in ModemRates.For(type))
            {
                var options = new ModemOptions(type, rate);
                IModemReceiver? receiver = null;
                try
                {
                    receiver = managed.CreateReceiver(options, new NullSink());
                }
                catch (NotSupportedException)
                {
                    continue;
                }
                finally
                {
                    receiver?.Dispose();
                }

                yield return new ModemCase(type, rate);
            }
        }
    }
}
