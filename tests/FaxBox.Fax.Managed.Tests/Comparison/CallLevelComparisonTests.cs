using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;
using FaxBox.Host.Diagnostics;
using Xunit.Abstractions;

namespace FaxBox.Fax.Managed.Tests.Comparison;

/// <summary>
/// Issue 10's "strictly better somewhere that matters" at the level where calls fail: training + TCF trials followed by
/// the V.21 flags of the next T.30 command (<see cref="ModemTrials"/>), in the −60 … −45 dBm0 noise range, spandsp's
/// receiver configured as its own fax engine configures it (−45.5 dBm0 cutoff for V.29) beside the managed one, on the
/// same signals and seeds. A short grid of the sweep tools/bench/modem-trials runs in full (192 points).
/// </summary>
public sealed class CallLevelComparisonTests(ITestOutputHelper output)
{
    private const int Trials = 4;

    /// <summary>(level, noise): a strong line in spandsp's failing noise, weak lines in quieter noise, the weakest in the quietest.</summary>
    private static readonly (double Level, double Noise)[] Grid = [(-13, -60), (-13, -45), (-33, -50), (-38, -55), (-43, -60)];

    private static readonly (ModemType Type, int Rate)[] Modems =
        [(ModemType.V29, 9600), (ModemType.V29, 7200), (ModemType.V27ter, 4800), (ModemType.V27ter, 2400)];

    [Fact]
    public void ManagedReceiversAreAtLeastAsGoodAtEveryPointStrictlyBetterAtSomeAndNeverTrainOnV21()
    {
        var outcomes = Run();
        foreach (var o in outcomes)
        {
            output.WriteLine($"{o.Point}: TCF {o.NativeTcfPassed}/{Trials} spandsp, {o.ManagedTcfPassed}/{Trials} managed; false trainings {o.NativeFalseTrainings} / {o.ManagedFalseTrainings}");
        }

        var worse = outcomes.Where(o => !o.ManagedAtLeastAsGood).Select(o => o.Point.ToString()).ToList();
        Assert.True(worse.Count == 0, $"managed worse than spandsp at: {string.Join("; ", worse)}");
        Assert.Contains(outcomes, o => o.ManagedStrictlyBetter);

        // And the managed receivers never take the V.21 flags after a burst for a training (spandsp's documented failure).
        Assert.All(outcomes, o => Assert.True(o.ManagedFalseTrainings == 0, $"{o.Point}: {o.ManagedFalseTrainings} false trainings"));
    }

    [Fact]
    public void ManagedReceiversPassEveryTcfOfAStrongSignalInNoiseAtMinus45Dbm0()
    {
        // spandsp 0.0.6's notes: V.29 calls fail at −45 dBm0 of noise (0 of 8); the managed receivers train and pass.
        foreach (var (type, rate) in Modems)
        {
            var o = ModemTrials.Run(new ModemTrialPoint(type, rate, -13, -45), Trials, new SpanDspModemFactory(), Native, new ManagedModemFactory());
            Assert.True(o.ManagedTcfPassed == Trials, $"{o.Point}: managed passed {o.ManagedTcfPassed} of {Trials} TCFs");
        }
    }

    private static IModemFactory Native => new SpanDspModemFactory(faxEngineThresholds: true);

    private static List<ModemTrialOutcome> Run()
    {
        var sender = new SpanDspModemFactory();
        var managed = new ManagedModemFactory();
        var outcomes = new List<ModemTrialOutcome>();
        foreach (var (type, rate) in Modems)
        {
            foreach (var (level, noise) in Grid)
            {
                outcomes.Add(ModemTrials.Run(new ModemTrialPoint(type, rate, level, noise), Trials, sender, Native, managed));
            }
        }

        return outcomes;
    }
}
