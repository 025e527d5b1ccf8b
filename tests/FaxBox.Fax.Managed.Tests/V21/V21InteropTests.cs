using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;
using FaxBox.Host.Diagnostics;

namespace FaxBox.Fax.Managed.Tests.V21;

/// <summary>The managed V.21 channel 2 modem against spandsp's, through the BER tool's channel model.</summary>
public sealed class V21InteropTests
{
    private static readonly IModemFactory Managed = new ManagedModemFactory();
    private static readonly IModemFactory Native = new SpanDspModemFactory();

    public static TheoryData<string, LoopbackCodec, double, double> DirectionsCodecsAndOffsets()
    {
        var data = new TheoryData<string, LoopbackCodec, double, double>();
        foreach (var direction in new[] { "managed->native", "native->managed", "managed->managed" })
        {
            foreach (var codec in Enum.GetValues<LoopbackCodec>())
            {
                data.Add(direction, codec, 10, 100);
                data.Add(direction, codec, -10, -100);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DirectionsCodecsAndOffsets))]
    public void DataCrossesBitExactWithFrequencyAndClockOffset(string direction, LoopbackCodec codec, double hz, double ppm)
    {
        var (tx, rx) = direction switch
        {
            "managed->native" => (Managed, Native),
            "native->managed" => (Native, Managed),
            _ => (Managed, Managed),
        };
        var report = ModemTest.Run(
            new ModemTestOptions
            {
                Modem = ModemType.V21,
                BitRate = 300,
                Bits = 6000,
                Seed = 7,
                Channel = new ModemChannelOptions { Codec = codec, FrequencyOffsetHz = hz, ClockPpm = ppm, SnrDb = 30 },
            },
            tx,
            rx);

        Assert.True(report.Synchronized);
        Assert.Equal(0, report.BitErrors);
        Assert.Equal(1, report.CarrierUps);
        Assert.Equal(1, report.CarrierDowns);
    }

    [Fact]
    public void ManagedReceiverIsAtLeastAsGoodAsSpandspAtEverySnrAndBetterOverall()
    {
        long managedTotal = 0, nativeTotal = 0;
        foreach (var snr in new[] { -4.0, -2, 0, 2 })
        {
            foreach (var seed in new[] { 1, 2 })
            {
                var options = new ModemTestOptions
                {
                    Modem = ModemType.V21, BitRate = 300, Bits = 12000, Seed = seed, Channel = new ModemChannelOptions { SnrDb = snr },
                };
                var native = ModemTest.Run(options, Native, Native);
                var managed = ModemTest.Run(options, Native, Managed);
                Assert.True(
                    managed.BitErrors <= native.BitErrors,
                    $"SNR {snr} dB seed {seed}: managed {managed.BitErrors} bit errors, spandsp {native.BitErrors}");
                managedTotal += managed.BitErrors;
                nativeTotal += native.BitErrors;
            }
        }

        Assert.True(managedTotal < nativeTotal, $"managed {managedTotal} bit errors in all, spandsp {nativeTotal}");
    }

    [Theory]
    [InlineData(-40, LoopbackCodec.Linear)]
    [InlineData(-35, LoopbackCodec.ALaw)]
    [InlineData(-30, LoopbackCodec.Linear)]
    [InlineData(-25, LoopbackCodec.MuLaw)]
    [InlineData(-20, LoopbackCodec.ALaw)]
    [InlineData(-10, LoopbackCodec.Linear)]
    [InlineData(0, LoopbackCodec.Linear)]
    public void NoiseAloneIsNoSignalForTheManagedReceiver(double noiseDbm0, LoopbackCodec codec)
    {
        // 60 s of noise per level.
        var report = ModemTest.Run(
            new ModemTestOptions
            {
                Modem = ModemType.V21, BitRate = 300, Bits = 18000, Seed = 11, Transmit = false,
                Channel = new ModemChannelOptions { NoiseDbm0 = noiseDbm0, Codec = codec },
            },
            null,
            Managed);

        Assert.Equal(false, report.FalseCarrier);
        Assert.Equal("no signal", report.Signal);
        Assert.Equal(0, report.BitsDelivered);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AtMinus5DbSnrTheManagedCarrierHoldsAndDeliversFewerErrorsThanSpandsp(int seed)
    {
        // With an off threshold of 0.14 the concentration test let go here (2 and 4 carrier drops, 895 and 2647 errors).
        var options = new ModemTestOptions
        {
            Modem = ModemType.V21, BitRate = 300, Bits = 6000, Seed = seed, Channel = new ModemChannelOptions { SnrDb = -5 },
        };
        var managed = ModemTest.Run(options, Native, Managed);
        var native = ModemTest.Run(options, Native, Native);
        Assert.Equal(1, managed.CarrierUps);
        Assert.True(managed.BitErrors < native.BitErrors, $"managed {managed.BitErrors} bit errors, spandsp {native.BitErrors}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AtMinus6DbSnrTheManagedReceiverKeepsBitSyncAndMakesFewerThanHalfSpandspsErrors(int seed)
    {
        // Before the feed-forward bit timing and the three-bit sequence detector the managed bit clock slipped here
        // (seed 1: 11776 errors in 20000 bits against spandsp's 2626; seeds 2 and 3 never synchronized). Now about
        // 2 % of the bits are wrong against spandsp's 13 %.
        var options = new ModemTestOptions
        {
            Modem = ModemType.V21, BitRate = 300, Bits = 4000, Seed = seed, Channel = new ModemChannelOptions { SnrDb = -6 },
        };
        var managed = ModemTest.Run(options, Native, Managed);
        var native = ModemTest.Run(options, Native, Native);
        Assert.Equal(1, native.CarrierUps);
        Assert.True(native.Synchronized);
        Assert.Equal(1, managed.CarrierUps);
        Assert.True(managed.Synchronized);
        Assert.True(2 * managed.BitErrors < native.BitErrors, $"managed {managed.BitErrors} bit errors, spandsp {native.BitErrors}");
    }

    [Theory]
    [InlineData(3, 6.0)]
    [InlineData(3, 4.0)]
    [InlineData(8, 6.0)]
    public void TheFirstDataBitsAfterASteadyMarkPreambleAreRight(int seed, double snr)
    {
        // The BER tool sends 64 bits of mark before its pattern: no transition, so no timing, until the data starts,
        // and the decision instant may be half a bit off when the first transition comes. Deciding each bit four bits
        // late on windows read at the newest timing estimate (with a short bin memory while the signal is clean) keeps
        // those first bits right; before, pattern bits 1–4 (seed 3) and bit 0 (seed 8) came out wrong here.
        var options = new ModemTestOptions
        {
            Modem = ModemType.V21, BitRate = 300, Bits = 1500, Seed = seed, Channel = new ModemChannelOptions { SnrDb = snr },
        };
        var managed = ModemTest.Run(options, Native, Managed);
        Assert.True(managed.Synchronized);
        Assert.Equal(0, managed.BitErrors);
    }

    [Fact]
    public void KnownLimitationOfTheReference_SpandspV21TakesLoudNoiseForCarrier()
    {
        var report = ModemTest.Run(
            new ModemTestOptions
            {
                Modem = ModemType.V21, BitRate = 300, Bits = 3000, Seed = 11, Transmit = false,
                Channel = new ModemChannelOptions { NoiseDbm0 = -30 },
            },
            null,
            Native);

        Assert.Equal(true, report.FalseCarrier);
        Assert.True(report.BitsDelivered > 0);
    }
}
