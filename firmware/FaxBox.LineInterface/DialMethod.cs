namespace FaxBox.LineInterface;

/// <summary>How an address digit crosses the loop.</summary>
public enum DialMethod
{
    /// <summary>Dual-tone multi-frequency signalling (ITU-T Q.23, Q.24).</summary>
    Dtmf,

    /// <summary>Decadic (loop-disconnect) pulses: n breaks of the loop for digit n, ten for 0 (ITU-T Q.552 Annex; 10 pulses/s).</summary>
    Pulse,
}
