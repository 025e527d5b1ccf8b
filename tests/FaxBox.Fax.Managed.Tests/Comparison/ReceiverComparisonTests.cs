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

    /// <summary>Seeds summed at each point (one seed hid a loss that several showed, see <see cref="V17At14400From18To21Db"/>).</summary>
    private const int Seeds = 8;

    [Theory]
    [MemberData(nameof(ManagedHighSpeedModems))]
    public void ManagedReceiverIsAtLeastAsGoodAsSpandspAtEveryPoint(ModemType type, int rate)
    {
        foreach (var snr in Grid[type])
        {
            var (ours, reference) = Sum(type, rate, snr, 1, Seeds);
            Assert.True(ours <= reference, $"{type} {rate} at {snr} dB, seeds 1-{Seeds}: managed {ours} bit errors, spandsp {reference}");
        }
    }

    /// <summary>
    /// V.17 at 14400 bit/s just above its waterfall (18 dB is a point of the grid above), over seeds 1–8 (8000 bits each, A-law, spandsp's transmitter). This
    /// was a known limitation: the managed receiver lost whole runs there (seeds 1–16 at 18/19/20/21 dB: 94473/32941/
    /// 13534/8048 bit errors against spandsp's 45838/19834/8856/1601). Not timing slips (see
    /// <see cref="V17At14400And18DbLossesAreNotSymbolSlips"/>) but the carrier loop: the training gains (β = 0.004) left a
    /// frequency estimate off by up to 0.0015 rad/symbol, which walked the phase out of the 128-point space's few degrees
    /// within a few hundred symbols, and a decision-directed loop has no pull back once decisions are wrong. Now the loop
    /// narrows after 256 known elements of segment 2, runs the data gains from segment 4 on, and weights each phase error
    /// by the decision's power: 27256/6182/150/0 over seeds 1–16.
    /// </summary>
    [Theory]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(21)]
    public void V17At14400From18To21Db(double snr)
    {
        var (ours, reference) = Sum(ModemType.V17, 14400, snr, 1, 8);
        Assert.True(ours <= reference, $"V.17 14400 at {snr} dB, seeds 1-8: managed {ours} bit errors, spandsp {reference}");
    }

    private static (long Ours, long Reference) Sum(ModemType type, int rate, double snr, int firstSeed, int lastSeed)
    {
        var native = new SpanDspModemFactory();
        var managed = new ManagedModemFactory();
        long ours = 0;
        long reference = 0;
        for (int seed = firstSeed; seed <= lastSeed; seed++)
        {
            var options = new ModemTestOptions
            {
                Modem = type, BitRate = rate, Bits = 8000, Seed = seed, Channel = new ModemChannelOptions { SnrDb = snr, Codec = LoopbackCodec.ALaw },
            };
            reference += ModemTest.Run(options, native, native).BitErrors;
            ours += ModemTest.Run(options, native, managed).BitErrors;
        }

        return (ours, reference);
    }

    /// <summary>
    /// The V.17 14400 bit/s losses at 18 dB are not timing slips: with re-alignment over ±2 symbols in every 48-bit window
    /// neither receiver slips once over seeds 1–8, and the managed receiver's bad stretches stay bad at the same alignment.
    /// </summary>
    [Fact]
    public void V17At14400And18DbLossesAreNotSymbolSlips()
    {
        for (int seed = 1; seed <= 8; seed++)
        {
            var (slips, errors) = RunRealigned(new ManagedModemFactory(), 14400, 18, seed, 8000);
            Assert.True(slips <= 0, $"seed {seed}: {slips} slips, {errors} bit errors after re-alignment");
        }
    }

    /// <summary>
    /// V.17 at 9600 bit/s and 12 dB, past both receivers' waterfalls (6 % and 20 % bit errors), where tools/bench/modem-ber
    /// said WORSE (seeds 1–3: managed 22638, spandsp 11807). The managed receiver neither failed training, lost the carrier,
    /// slipped nor turned there: its seed 1 run had more than 32 errors among the first 128 data bits, on which the BER
    /// counter aligns, so all 20000 bits counted as errors (spandsp's seed 8 run the same). Counted with re-alignment
    /// (<see cref="SlipCounter"/>, which aligns on any 128-bit stretch of the pattern), seeds 1–8 here: managed about a
    /// quarter of spandsp's errors, and no slip in either.
    /// </summary>
    [Fact]
    public void V17At9600And12DbCountedWithRealignment()
    {
        long ours = 0;
        long reference = 0;
        for (int seed = 1; seed <= 8; seed++)
        {
            var (slips, errors) = RunRealigned(new ManagedModemFactory(), 9600, 12, seed, 4000);
            Assert.True(slips == 0, $"seed {seed}: managed slipped {slips} times ({errors} bit errors after re-alignment)");
            ours += errors;
            reference += RunRealigned(new SpanDspModemFactory(), 9600, 12, seed, 4000).Errors;
        }

        Assert.True(ours * 2 <= reference, $"V.17 9600 at 12 dB, seeds 1-8, re-aligned: managed {ours} bit errors, spandsp {reference}");
    }

    /// <summary>spandsp's transmitter, the seeded A-law channel and <paramref name="receiver"/>, counted by a <see cref="SlipCounter"/>.</summary>
    private static (int Slips, long Errors) RunRealigned(IModemFactory receiver, int rate, double snr, int seed, int bits)
    {
        var preamble = Math.Max(64, rate / 10);
        var channel = new ModemChannel(new ModemChannelOptions { SnrDb = snr, Codec = LoopbackCodec.ALaw, Seed = seed, SignalLevelDbm0 = -13 });
        var modem = new ModemOptions(ModemType.V17, rate, LevelDbm0: -13);
        var counter = new SlipCounter();
        using var tx = new SpanDspModemFactory().CreateTransmitter(modem, new PrbsBitSource(bits, seed, preamble));
        using var rx = receiver.CreateReceiver(modem, counter);
        var frame = new short[FaxBox.Core.AudioFrame.Samples];
        for (int f = 0, tail = 0; f < 600 && tail < 25; f++)
        {
            if (!tx.Finished)
            {
                tx.Transmit(frame);
            }
            else
            {
                Array.Clear(frame);
                tail++;
            }

            channel.Pass(frame);
            rx.Receive(frame);
        }

        return counter.Evaluate(bits, seed);
    }
}
