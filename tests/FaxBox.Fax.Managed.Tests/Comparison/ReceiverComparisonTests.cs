using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;
using FaxBox.Host.Diagnostics;

namespace FaxBox.Fax.Managed.Tests.Comparison;

/// <summary>
/// The BER-against-SNR comparison for every high-speed modem the managed factory builds (V.21 has its own, finer test):
/// spandsp's transmitter, the same seeded channel, spandsp's receiver beside the managed one. The full curves are printed
/// by tools/bench/modem-ber.
/// </summary>
public sealed class ReceiverComparisonTests
{
    /// <summary>A modest grid around each modem's waterfall (dB, 0–4 kHz).</summary>
    private static readonly Dictionary<ModemType, double[]> Grid = new()
    {
        [ModemType.V27ter] = [8, 11, 14],
        [ModemType.V29] = [14, 17, 20],
        [ModemType.V17] = [18, 22, 26],
    };

    public static TheoryData<ModemType, int> ManagedHighSpeedModems()
    {
        var data = new TheoryData<ModemType, int>();
        var managed = new ManagedModemFactory();
        foreach (var (type, _) in Grid)
        {
            foreach (var rate in ModemRates.For(type))
            {
                try
                {
                    managed.CreateReceiver(new ModemOptions(type, rate), new BitErrorCounter(1, 1, 1)).Dispose();
                    data.Add(type, rate);
                }
                catch (NotSupportedException)
                {
                    // Not written yet: joins this test when the factory builds it.
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ManagedHighSpeedModems))]
    public void ManagedReceiverIsAtLeastAsGoodAsSpandspAtEveryPoint(ModemType type, int rate)
    {
        var native = new SpanDspModemFactory();
        var managed = new ManagedModemFactory();
        foreach (var snr in Grid[type])
        {
            if (type == ModemType.V17 && rate == 14400 && snr == 18)
            {
                // Managed worse than spandsp here on most seeds: see KnownLimitationV17At14400And18Db.
                continue;
            }

            var options = new ModemTestOptions
            {
                Modem = type, BitRate = rate, Bits = 8000, Seed = 3, Channel = new ModemChannelOptions { SnrDb = snr, Codec = LoopbackCodec.ALaw },
            };
            var reference = ModemTest.Run(options, native, native);
            var ours = ModemTest.Run(options, native, managed);
            Assert.True(
                ours.BitErrors <= reference.BitErrors,
                $"{type} {rate} at {snr} dB: managed {ours.BitErrors} bit errors, spandsp {reference.BitErrors}");
        }
    }

    /// <summary>
    /// Known limitation, measured over seeds 1–8 (8000 bits each, A-law, spandsp's transmitter): at 14400 bit/s the managed
    /// V.17 receiver is worse than spandsp's from 18 to 20 dB and better from 22 dB. At 18 dB it made 57828 bit errors
    /// against spandsp's 17830 (seeds 5 and 7: no training; seeds 1, 2, 4, 6, 8: trained, but about 45 % of the bits wrong
    /// from the first data bit, which the counter's 128-bit sync cannot align, so all 8000 count); at 19 dB seeds 2 and
    /// 4–8 and at 20 dB seeds 5, 6 and 8 are worse; at 22 dB it made 0 on every seed against spandsp's 0–191. Seed 3 alone
    /// (the comparison above) hid this: 1828 against 1680. Not a loop gain: the data-phase equaliser step (0.005–0.05),
    /// carrier loop (α 0.02–0.1, β 0–0.002), timing gain (0–0.02 in training and data) and a smaller training step or a
    /// gear shift in segment 2 each moved the 18 dB total by under 15 % except the training step 0.1 (38378, still 2×
    /// spandsp); the hard slicer decisions are as bad as the Viterbi output on the failing seeds, so the equalised
    /// symbols are already wrong when segment 4 ends. Fails once the managed total is at most spandsp's.
    /// </summary>
    [Fact]
    public void KnownLimitationV17At14400And18Db()
    {
        long reference = 0;
        long ours = 0;
        for (int seed = 1; seed <= 8; seed++)
        {
            var options = new ModemTestOptions
            {
                Modem = ModemType.V17, BitRate = 14400, Bits = 8000, Seed = seed, Channel = new ModemChannelOptions { SnrDb = 18, Codec = LoopbackCodec.ALaw },
            };
            reference += ModemTest.Run(options, new SpanDspModemFactory(), new SpanDspModemFactory()).BitErrors;
            ours += ModemTest.Run(options, new SpanDspModemFactory(), new ManagedModemFactory()).BitErrors;
        }

        Assert.True(ours > reference, $"managed {ours} <= spandsp {reference} over seeds 1-8: turn this into a comparison point");
        Assert.True(reference > 8 * 800, $"spandsp {reference} over seeds 1-8: the point is no longer below the waterfall");
    }
}
