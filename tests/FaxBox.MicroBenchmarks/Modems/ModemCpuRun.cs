using System.Globalization;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>
/// CPU per 20 ms frame of every modem receiver and transmitter, managed against spandsp 0.0.6 side by side in one run
/// (<c>--modem-cpu [ROUNDS] [FRAMES]</c>, tools/bench/modem-cpu), with the issue 10 verdict per row: MET when the
/// managed modem costs at most 1.0× spandsp's.
/// <para>
/// Each row is measured in ROUNDS rounds; a round times FRAMES frames of the spandsp modem and FRAMES frames of the managed
/// one back to back on this thread's CPU clock (CLOCK_THREAD_CPUTIME_ID, so time the scheduler gives to other processes
/// on a shared machine is not counted), alternating which goes first. The row's ratio is the median of the per-round
/// ratios (noise that hits one half of a round is an outlier there), beside the ratio of the medians.
/// </para>
/// <para>
/// Receivers are fed the same recording of spandsp's transmitter: training, 20 s of data, its turn-off, then 0.5 s of
/// silence, played in a loop, so both receivers detect the carrier, train, deliver data, lose the carrier and wait
/// idle once per loop, in the proportions of a fax page. Transmitters run in steady state (training long past, an
/// endless data stream). Allocations of the managed side inside the timed brackets are counted and printed.
/// </para>
/// </summary>
internal static partial class ModemCpuRun
{
    private const int DataSeconds = 20;
    private const int SilenceFrames = 25;

    public static int Run(string[] args)
    {
        int rounds = args.Length >= 1 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        int frames = args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        if (rounds < 1 || frames < 1)
        {
            Console.Error.WriteLine("modem-cpu: ROUNDS and FRAMES must be positive");
            return 2;
        }

        Console.WriteLine($"# modem CPU per 20 ms frame, managed vs spandsp 0.0.6 (float build), {rounds} rounds x {frames} frames per side, thread CPU time");
        Console.WriteLine($"{"modem",-14} {"side",-3} {"spandsp_us",10} {"managed_us",10} {"ratio",6} {"rounds",11} {"alloc_B",8}  verdict (ratio <= 1.00)");
        int met = 0;
        int rows = 0;
        foreach (var modem in ModemCase.Available())
        {
            foreach (var side in new[] { "rx", "tx" })
            {
                var row = side == "rx" ? MeasureReceivers(modem, rounds, frames) : MeasureTransmitters(modem, rounds, frames);
                rows++;
                bool ok = row.Ratio <= 1.0;
                met += ok ? 1 : 0;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{modem,-14} {side,-3} {row.NativeUs,10:F3} {row.ManagedUs,10:F3} {row.Ratio,6:F2} {row.MinRatio,5:F2}-{row.MaxRatio,-5:F2} {row.AllocatedBytes,8}  {(ok ? "MET" : "NOT MET")}"));
            }
        }

        Console.WriteLine($"overall: {met} of {rows} rows at most 1.0x spandsp: {(met == rows ? "target MET" : "target NOT MET")}");
        return 0;
    }

    private static Row MeasureReceivers(ModemCase modem, int rounds, int frames)
    {
        var options = new ModemOptions(modem.Type, modem.BitRate);
        var recording = Record(options);
        using var native = new SpanDspModemFactory().CreateReceiver(options, new NullSink());
        using var managed = new ManagedModemFactory().CreateReceiver(options, new NullSink());
        int nativeIndex = 0;
        int managedIndex = 0;
        return Measure(
            rounds,
            frames,
            n =>
            {
                for (int i = 0; i < n; i++)
                {
                    native.Receive(recording[nativeIndex]);
                    nativeIndex = nativeIndex + 1 == recording.Length ? 0 : nativeIndex + 1;
                }
            },
            n =>
            {
                for (int i = 0; i < n; i++)
                {
                    managed.Receive(recording[managedIndex]);
                    managedIndex = managedIndex + 1 == recording.Length ? 0 : managedIndex + 1;
                }
            },
            recording.Length);
    }

    private static Row MeasureTransmitters(ModemCase modem, int rounds, int frames)
    {
        var options = new ModemOptions(modem.Type, modem.BitRate);
        using var native = new SpanDspModemFactory().CreateTransmitter(options, new EndlessSource(1));
        using var managed = new ManagedModemFactory().CreateTransmitter(options, new EndlessSource(1));
        var nativeFrame = new short[AudioFrame.Samples];
        var managedFrame = new short[AudioFrame.Samples];
        return Measure(
            rounds,
            frames,
            n =>
            {
                for (int i = 0; i < n; i++)
                {
                    native.Transmit(nativeFrame);
                }
            },
            n =>
            {
                for (int i = 0; i < n; i++)
                {
                    managed.Transmit(managedFrame);
                }
            },
            250);
    }

    /// <summary>Training, <see cref="DataSeconds"/> s of data and the turn-off from spandsp's transmitter, then silence.</summary>
    private static short[][] Record(ModemOptions options)
    {
        long bits = (long)options.BitRate * DataSeconds;
        var frames = new List<short[]>();
        using (var tx = new SpanDspModemFactory().CreateTransmitter(options, new PrbsBitSource(bits, 3, preambleBits: 200)))
        {
            for (int i = 0; i < (DataSeconds + 10) * 50 && !tx.Finished; i++)
            {
                var frame = new short[AudioFrame.Samples];
                tx.Transmit(frame);
                frames.Add(frame);
            }
        }

        for (int i = 0; i < SilenceFrames; i++)
        {
            frames.Add(new short[AudioFrame.Samples]);
        }

        return [.. frames];
    }

    private static Row Measure(int rounds, int frames, Action<int> native, Action<int> managed, int warmupFrames)
    {
        // Warm-up for at least a second of wall time with pauses: the runtime promotes hot methods to optimised
        // (tier-1, PGO) code on a background thread after a delay, which is the code a box runs in steady state.
        var warmup = System.Diagnostics.Stopwatch.StartNew();
        while (warmup.ElapsedMilliseconds < 1500)
        {
            native(warmupFrames);
            managed(warmupFrames);
            Thread.Sleep(50);
        }

        var nativeUs = new double[rounds];
        var managedUs = new double[rounds];
        var ratios = new double[rounds];
        long allocated = 0;
        for (int r = 0; r < rounds; r++)
        {
            if ((r & 1) == 0)
            {
                nativeUs[r] = Time(native, frames);
                (managedUs[r], long bytes) = TimeCounting(managed, frames);
                allocated += bytes;
            }
            else
            {
                (managedUs[r], long bytes) = TimeCounting(managed, frames);
                allocated += bytes;
                nativeUs[r] = Time(native, frames);
            }

            ratios[r] = managedUs[r] / nativeUs[r];
        }

        double n = Median(nativeUs);
        double m = Median(managedUs);
        return new Row(n, m, Median(ratios), ratios.Min(), ratios.Max(), allocated);
    }

    private static double Time(Action<int> run, int frames)
    {
        long start = ThreadCpuClock.Nanoseconds();
        run(frames);
        return (ThreadCpuClock.Nanoseconds() - start) / 1000.0 / frames;
    }

    private static (double Us, long Bytes) TimeCounting(Action<int> run, int frames)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        double us = Time(run, frames);
        return (us, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private readonly record struct Row(double NativeUs, double ManagedUs, double Ratio, double MinRatio, double MaxRatio, long AllocatedBytes);
}
