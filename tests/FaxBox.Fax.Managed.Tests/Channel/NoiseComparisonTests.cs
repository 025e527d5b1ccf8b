using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>
/// The managed receivers against libspandsp's on the same signals (same transmitter, seeds and noise), A-law, signal at
/// −13 dBm0: a modest grid for the unit suite; the full sweep belongs to `faxbox fax modem-test`.
/// </summary>
public sealed class NoiseComparisonTests
{
    [Theory]
    [InlineData(ModemType.V29, 9600, -36)]
    [InlineData(ModemType.V29, 9600, -30)]
    [InlineData(ModemType.V29, 7200, -27)]
    [InlineData(ModemType.V27ter, 4800, -40)]
    [InlineData(ModemType.V27ter, 2400, -30)]
    [InlineData(ModemType.V17, 14400, -36)]
    [InlineData(ModemType.V17, 9600, -30)]
    public void ManagedReceiverIsAtLeastAsGoodAsNative(ModemType type, int rate, double noiseDbm0)
    {
        var options = new ModemOptions(type, rate);
        long nativeErrors = 0;
        long managedErrors = 0;
        for (int seed = 1; seed <= 2; seed++)
        {
            nativeErrors += Errors(InteropRun.Run(Engines.Native, Engines.Native, options, Channel(noiseDbm0, seed), 6000, seed));
            managedErrors += Errors(InteropRun.Run(Engines.Native, Engines.Managed, options, Channel(noiseDbm0, seed), 6000, seed));
        }

        Assert.True(managedErrors <= nativeErrors, $"managed {managedErrors} > native {nativeErrors} bit errors");
        Assert.True(managedErrors <= 12, $"managed receiver: {managedErrors} bit errors in 12000");
    }

    private static TestChannel Channel(double noiseDbm0, int seed) =>
        new(noiseDbm0: noiseDbm0, codec: LineCodecs.Transform(LineCodec.ALaw), seed: seed);

    /// <summary>A receiver that never trained or never synchronised lost all the data.</summary>
    private static long Errors(InteropRun.Result result) => result.BitErrors < 0 ? 6000 : result.BitErrors;
}
