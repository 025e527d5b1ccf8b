using FaxBox.Core;
using FaxBox.Fax.Modems;

namespace FaxBox.Host.Diagnostics;

/// <summary>
/// A call-level comparison of two engines' high-speed receivers on the same signals: what decides whether a fax call
/// goes through, rather than the bit error rate of a long run. One trial is one direction of T.30's training check:
/// <list type="number">
/// <item>100 ms of line noise;</item>
/// <item>the sender's training and a 1.5 s TCF (T.30 §5.3.6.2.3; here the O.150 pattern, so that errors can be
/// counted), from spandsp's transmitter at the point's level;</item>
/// <item>80 ms of line noise (T.30's 75 ± 20 ms), then one second of V.21 HDLC flags at the same level: the preamble of
/// the sender's next command (after a page: MPS/EOP), which a receiver still listening for its modem must not take for a
/// training — spandsp 0.0.6 does on some lines (its notes, "false V.29 training after a page");</item>
/// <item>200 ms of noise.</item>
/// </list>
/// The line (<see cref="ModemChannel"/>: noise, frequency offset, G.711) is seeded by the trial number; both receivers
/// hear the very same samples, frame by frame. A TCF passes when the receiver trained and delivered it with at most one
/// bit error in 1000 (a receiving terminal's usual tolerance); a false training is a training started or succeeded once
/// the V.21 signal has begun.
/// </summary>
internal static class ModemTrials
{
    /// <summary>Length of the TCF in seconds (T.30: 1.5 s ± 10 %).</summary>
    public const double TcfSeconds = 1.5;

    /// <summary>Bit errors per bit a TCF may have and still pass.</summary>
    public const double TcfTolerance = 1e-3;

    private const int LeadFrames = 5;
    private const int GapFrames = 4;
    private const int TailFrames = 10;
    private const int FlagBits = V21FlagSeconds * 300;
    private const int V21FlagSeconds = 1;
    private const int MaxFrames = 1000;

    /// <summary>Runs <paramref name="trials"/> trials (seeds 1…trials) at <paramref name="point"/>; spandsp's transmitter sends.</summary>
    public static ModemTrialOutcome Run(ModemTrialPoint point, int trials, IModemFactory sender, IModemFactory native, IModemFactory managed)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        int nativePassed = 0, managedPassed = 0, nativeFalse = 0, managedFalse = 0;
        for (int seed = 1; seed <= trials; seed++)
        {
            var (nativeSink, managedSink, bits) = RunTrial(point, seed, sender, native, managed);
            nativePassed += Passed(nativeSink, bits) ? 1 : 0;
            managedPassed += Passed(managedSink, bits) ? 1 : 0;
            nativeFalse += nativeSink.FalseTraining ? 1 : 0;
            managedFalse += managedSink.FalseTraining ? 1 : 0;
        }

        return new ModemTrialOutcome(point, trials, nativePassed, managedPassed, nativeFalse, managedFalse);
    }

    private static bool Passed(ModemTrialSink sink, long bits)
    {
        var result = sink.Evaluate();
        return sink.Trained && result.Synchronized && result.Errors <= bits * TcfTolerance;
    }

    private static (ModemTrialSink Native, ModemTrialSink Managed, long Bits) RunTrial(
        ModemTrialPoint point, int seed, IModemFactory sender, IModemFactory native, IModemFactory managed)
    {
        var modem = new ModemOptions(point.Modem, point.BitRate, LevelDbm0: point.LevelDbm0);
        var channel = new ModemChannel(new ModemChannelOptions
        {
            SignalLevelDbm0 = point.LevelDbm0,
            NoiseDbm0 = point.NoiseDbm0,
            FrequencyOffsetHz = point.FrequencyOffsetHz,
            Codec = point.Codec,
            Seed = seed,
        });
        long bits = (long)(point.BitRate * TcfSeconds);
        int preamble = Math.Max(64, point.BitRate / 10);
        var nativeSink = new ModemTrialSink(bits, seed, preamble + 4096);
        var managedSink = new ModemTrialSink(bits, seed, preamble + 4096);
        using var tx = sender.CreateTransmitter(modem, new PrbsBitSource(bits, seed, preamble));
        using var flags = sender.CreateTransmitter(new ModemOptions(ModemType.V21, 300, LevelDbm0: point.LevelDbm0), new HdlcFlagSource(FlagBits));
        using var nativeRx = native.CreateReceiver(modem, nativeSink);
        using var managedRx = managed.CreateReceiver(modem, managedSink);
        var frame = new short[AudioFrame.Samples];
        int gap = 0;
        int tail = 0;
        for (int n = 0; n < MaxFrames && tail < TailFrames; n++)
        {
            Array.Clear(frame);
            if (n < LeadFrames)
            {
                // Line noise only.
            }
            else if (!tx.Finished)
            {
                tx.Transmit(frame);
            }
            else if (gap < GapFrames)
            {
                gap++;
            }
            else if (!flags.Finished)
            {
                nativeSink.AfterBurst = true;
                managedSink.AfterBurst = true;
                flags.Transmit(frame);
            }
            else
            {
                tail++;
            }

            channel.Pass(frame);
            nativeRx.Receive(frame);
            managedRx.Receive(frame);
        }

        return (nativeSink, managedSink, bits);
    }
}
