using FaxBox.LineInterface.Signalling;

namespace FaxBox.LineInterface.Ports;

/// <summary>
/// Ring recognition, dialling and disconnect supervision of an FXO port. Durations are quantised to the 20 ms tick.
/// Bound from <c>FaxBox:Line:Fxo</c>.
/// </summary>
public sealed class FxoPortOptions
{
    /// <summary>Ringing voltage must last this long to count as a ring: longer than a ring-pulse alert (RP-AS, at most
    /// 300 ms per EN 300 659-1 §6.1.2.2) and shorter than the UK's 400 ms burst. Default 340 ms.</summary>
    public TimeSpan RingMinimum { get; set; } = TimeSpan.FromMilliseconds(340);

    /// <summary>A silence shorter than this between bursts belongs to the same ring cycle (the UK double ring's 200 ms). Default 500 ms.</summary>
    public TimeSpan RingCycleGap { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Ringing has stopped when no ring came for the region's longest ring silence plus this. Default 1.5 s.</summary>
    public TimeSpan RingingStoppedMargin { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Loop current below this counts as no loop current. Default 5 mA (TBR 21 and the Si3050 LCS resolution allow far less, but idle lines float).</summary>
    public double LoopCurrentThresholdMilliamps { get; set; } = 5;

    /// <summary>Supervise disconnect by loop-current drop. Default true.</summary>
    public bool DisconnectOnLoopCurrentDrop { get; set; } = true;

    /// <summary>A loop-current drop must last this long to be a disconnect (open-loop clear, "CPC": ≥ 90 ms in the UK,
    /// 300–800 ms on many exchanges). Default 250 ms.</summary>
    public TimeSpan LoopCurrentDropMinimum { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Supervise disconnect by polarity reversal while off-hook. Default false (not every exchange reverses).</summary>
    public bool DisconnectOnPolarityReversal { get; set; }

    /// <summary>When reversal supervision is on, the first reversal after seizing is the far end answering, not a clear. Default true.</summary>
    public bool FirstReversalIsAnswer { get; set; } = true;

    /// <summary>Supervise disconnect by the region's busy and congestion tones and by a special information tone. Default true.</summary>
    public bool DisconnectOnBusyTone { get; set; } = true;

    /// <summary>After seizing or dialling, loop-current and reversal supervision wait this long (the exchange settles). Default 500 ms.</summary>
    public TimeSpan SupervisionHoldoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Pulse and pause timing for <see cref="IFxoPort.Dial"/>.</summary>
    public DialTiming Dialling { get; set; } = new();

    /// <summary>The wait for a ',' in a dial string (same as <see cref="DialTiming.Pause"/>).</summary>
    public TimeSpan DialPause
    {
        get => Dialling.Pause;
        set => Dialling.Pause = value;
    }
}
