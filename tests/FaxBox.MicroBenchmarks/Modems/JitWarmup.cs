using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>
/// Runs the managed modems long enough for tiered compilation to reach fully optimised code before measuring (the
/// benchmarks use one invocation per iteration, which BenchmarkDotNet's own warm-up does not repeat often enough).
/// </summary>
internal static class JitWarmup
{
    public static void Run(ModemOptions options)
    {
        var factory = new ManagedModemFactory();
        var frame = new short[160];
        for (int round = 0; round < 3; round++)
        {
            using var tx = factory.CreateTransmitter(options, new EndlessBitSource());
            using var rx = factory.CreateReceiver(options, new CountingBitSink());
            for (int i = 0; i < 1500; i++)
            {
                tx.Transmit(frame);
                rx.Receive(frame);
            }

            // Background tier-1 compilation runs on a timer; give it time between rounds (benchmark set-up only).
            Thread.Sleep(300);
        }
    }
}
