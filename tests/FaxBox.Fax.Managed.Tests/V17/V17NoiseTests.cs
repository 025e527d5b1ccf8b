using FaxBox.Fax.Managed.Tests.Channel;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.V17;

public sealed class V17NoiseTests
{
    [Theory]
    [InlineData(14400, -40)]
    [InlineData(9600, -30)]
    [InlineData(7200, -20)]
    public void NoiseAloneRaisesNoCarrierAndNoBits(int rate, double noiseDbm0)
    {
        var sink = NoiseOnly.Run(Engines.Managed, new ModemOptions(ModemType.V17, rate), noiseDbm0, frames: 500);

        Assert.Empty(sink.Statuses);
        Assert.Empty(sink.Bits);
    }
}
