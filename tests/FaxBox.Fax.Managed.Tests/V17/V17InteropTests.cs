using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V17;

/// <summary>
/// V.17 against libspandsp's v17tx/v17rx. The managed modem's constellation tables and convolutional encoder are its own
/// (the recommendation's tables could not be found as text), so the two do not interoperate yet; these tests name that
/// limitation and fail once it is lifted, so that they are turned into proper interoperability tests.
/// </summary>
public sealed class V17InteropTests
{
    [Theory]
    [InlineData("managed", "native", 14400)]
    [InlineData("managed", "native", 7200)]
    [InlineData("native", "managed", 14400)]
    [InlineData("native", "managed", 7200)]
    public void KnownLimitationNoInteroperabilityWithSpandspYet(string tx, string rx, int rate)
    {
        var result = InteropRun.Run(Engines.Named(tx), Engines.Named(rx), new ModemOptions(ModemType.V17, rate), new TestChannel());

        Assert.True(
            result.BitErrors != 0,
            $"{tx} -> {rx} V.17 {rate} now passes bit-exact ({string.Join(",", result.Statuses)}): replace this limitation test by real interop tests.");
    }
}
