using FaxBox.Fax.Modems;

namespace FaxBox.Host.Diagnostics;

/// <summary>
/// A receiver's sink in one <see cref="ModemTrials"/> trial: during the fast burst it counts the TCF's bit errors and
/// whether training succeeded; once the burst is over (<see cref="AfterBurst"/>) it only watches for a training reported
/// on what follows, which is a false one.
/// </summary>
internal sealed class ModemTrialSink(long tcfBits, int seed, int searchBits) : IModemBitSink
{
    private readonly BitErrorCounter _counter = new(tcfBits, seed, searchBits);

    /// <summary>Set by the trial when the fast burst is over and the V.21 signal starts.</summary>
    public bool AfterBurst { get; set; }

    /// <summary>Training succeeded during the burst.</summary>
    public bool Trained { get; private set; }

    /// <summary>A training started or succeeded after the burst.</summary>
    public bool FalseTraining { get; private set; }

    /// <summary>The TCF's bit errors.</summary>
    public BitErrorResult Evaluate() => _counter.Evaluate();

    public void PutBit(int bit)
    {
        if (!AfterBurst)
        {
            _counter.PutBit(bit);
        }
    }

    public void OnStatus(ModemStatus status)
    {
        if (AfterBurst)
        {
            FalseTraining |= status is ModemStatus.TrainingInProgress or ModemStatus.TrainingSucceeded;
            return;
        }

        Trained |= status == ModemStatus.TrainingSucceeded;
        _counter.OnStatus(status);
    }
}
