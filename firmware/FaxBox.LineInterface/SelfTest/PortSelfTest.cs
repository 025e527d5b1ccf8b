using FaxBox.Core;
using FaxBox.LineInterface.Signalling;

namespace FaxBox.LineInterface.SelfTest;

/// <summary>What FXS and FXO self-tests share: findings, completion and a step clock in ticks.</summary>
public abstract class PortSelfTest : IMediaTickHandler
{
    private readonly List<SelfTestFinding> _findings = [];
    private long _ticks;
    private long _stepStart;

    /// <summary>The checks done so far.</summary>
    public IReadOnlyList<SelfTestFinding> Findings => _findings;

    /// <summary>True when every check has run (or one failed and the rest could not).</summary>
    public bool IsComplete { get; private set; }

    /// <summary>True when complete and every check passed.</summary>
    public bool Passed => IsComplete && _findings.Count > 0 && _findings.All(f => f.Passed);

    /// <summary>Raised for each finding as it is made.</summary>
    public event EventHandler<SelfTestFinding>? FindingMade;

    /// <summary>Time in the current step.</summary>
    protected TimeSpan InStep => Ticks.ToTime(_ticks - _stepStart);

    public void OnTick(in MediaTick tick)
    {
        if (IsComplete)
        {
            return;
        }

        _ticks++;
        Step();
    }

    /// <summary>Advances the test by one tick.</summary>
    protected abstract void Step();

    /// <summary>Starts timing a new step.</summary>
    protected void NextStep() => _stepStart = _ticks;

    /// <summary>Records a finding; a failed one ends the test after <paramref name="cleanup"/>.</summary>
    protected void Found(string check, bool passed, string detail, Action? cleanup = null)
    {
        var finding = new SelfTestFinding(check, passed, detail);
        _findings.Add(finding);
        FindingMade?.Invoke(this, finding);
        if (!passed)
        {
            cleanup?.Invoke();
            IsComplete = true;
        }
    }

    /// <summary>Ends the test.</summary>
    protected void Complete() => IsComplete = true;

    /// <summary>"2.4 s".</summary>
    protected static string Seconds(TimeSpan t) => FormattableString.Invariant($"{t.TotalSeconds:0.0} s");
}
