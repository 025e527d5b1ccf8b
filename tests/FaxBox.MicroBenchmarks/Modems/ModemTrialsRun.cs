using System.Globalization;
using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;
using FaxBox.Host.Diagnostics;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>
/// The long call-level sweep of issue 10 (<c>--modem-trials [TRIALS [MODEM RATE]]</c>, tools/bench/modem-trials): for V.29 and
/// V.27ter at every rate, sender levels −13 … −43 dBm0, line noise −60 … −45 dBm0 and frequency offsets 0 and 7 Hz
/// (A-law), TRIALS seeded trials per point of <see cref="ModemTrials"/> (training + TCF, then the V.21 flags of the next
/// command), spandsp's receiver as its fax engine configures it beside the managed one, on the same signals. Prints
/// TCFs passed and false trainings per point and engine, a verdict per point ("better", "same", "WORSE") and the
/// totals: at least as good at every point, strictly better at some.
/// </summary>
internal static class ModemTrialsRun
{
    private static readonly (ModemType Type, int Rate)[] Modems =
        [(ModemType.V29, 9600), (ModemType.V29, 7200), (ModemType.V27ter, 4800), (ModemType.V27ter, 2400)];

    private static readonly double[] Levels = [-13, -23, -28, -33, -38, -43];
    private static readonly double[] Noises = [-60, -55, -50, -45];
    private static readonly double[] Offsets = [0, 7];

    public static int Run(string[] args)
    {
        int trials = args.Length >= 1 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 16;
        var modems = args.Length >= 3
            ? [(Enum.Parse<ModemType>(args[1], ignoreCase: true), int.Parse(args[2], CultureInfo.InvariantCulture))]
            : Modems;
        var sender = new SpanDspModemFactory();
        var native = new SpanDspModemFactory(faxEngineThresholds: true);
        var managed = new ManagedModemFactory();
        Console.WriteLine($"# call-level trials: {trials} per point; spandsp 0.0.6 transmitter; receivers: spandsp (fax-engine thresholds) vs managed, same signals; A-law");
        Console.WriteLine($"{"modem",-8} {"rate",5} {"level",6} {"noise",6} {"offset",6}  {"tcf_native",10} {"tcf_managed",11}  {"false_native",12} {"false_managed",13}  verdict");
        int worse = 0, better = 0, points = 0;
        long nativePassed = 0, managedPassed = 0, nativeFalse = 0, managedFalse = 0;
        foreach (var (type, rate) in modems)
        {
            foreach (double offset in Offsets)
            {
                foreach (double level in Levels)
                {
                    foreach (double noise in Noises)
                    {
                        var o = ModemTrials.Run(new ModemTrialPoint(type, rate, level, noise, offset), trials, sender, native, managed);
                        points++;
                        worse += o.ManagedAtLeastAsGood ? 0 : 1;
                        better += o.ManagedStrictlyBetter ? 1 : 0;
                        nativePassed += o.NativeTcfPassed;
                        managedPassed += o.ManagedTcfPassed;
                        nativeFalse += o.NativeFalseTrainings;
                        managedFalse += o.ManagedFalseTrainings;
                        string verdict = !o.ManagedAtLeastAsGood ? "WORSE" : o.ManagedStrictlyBetter ? "better" : "same";
                        Console.WriteLine(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{type,-8} {rate,5} {level,6:g} {noise,6:g} {offset,6:g}  {o.NativeTcfPassed,7}/{trials,-2} {o.ManagedTcfPassed,8}/{trials,-2}  {o.NativeFalseTrainings,9}/{trials,-2} {o.ManagedFalseTrainings,10}/{trials,-2}  {verdict}"));
                    }
                }
            }
        }

        Console.WriteLine($"TCFs passed: spandsp {nativePassed}, managed {managedPassed}; false trainings after the burst: spandsp {nativeFalse}, managed {managedFalse}");
        Console.WriteLine($"points: {points}; managed worse at {worse}, strictly better at {better}: {(worse == 0 && better > 0 ? "at least as good everywhere, strictly better somewhere: MET" : "NOT MET")}");
        return 0;
    }
}
