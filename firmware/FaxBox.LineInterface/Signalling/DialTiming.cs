namespace FaxBox.LineInterface.Signalling;

/// <summary>Timing of dialling as a terminal does it. Durations are quantised to the 20 ms tick.</summary>
public sealed class DialTiming
{
    /// <summary>Loop break per pulse: 60 ms at 10 pulses/s with a 60/40 break/make ratio (ITU-T Q.552 Annex, EN 300 001). Default 60 ms.</summary>
    public TimeSpan PulseBreak { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Loop make between pulses of one digit. Default 40 ms.</summary>
    public TimeSpan PulseMake { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Loop make between pulse digits (inter-digit pause). Default 800 ms.</summary>
    public TimeSpan InterDigitPause { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The wait for a ',' in a dial string. Default 2 s.</summary>
    public TimeSpan Pause { get; set; } = TimeSpan.FromSeconds(2);
}
