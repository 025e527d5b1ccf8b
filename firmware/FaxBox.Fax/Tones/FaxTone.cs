namespace FaxBox.Fax.Tones;

/// <summary>Fax and modem connect tones (ITU-T T.30 §5.2, V.25, V.8) and the V.21 HDLC preamble.</summary>
public enum FaxTone
{
    /// <summary>Calling tone: 1100 Hz, 0.5 s on / 3 s off (T.30).</summary>
    Cng,

    /// <summary>Called terminal identification / answer tone: 2100 Hz (T.30 CED, V.25 ANS).</summary>
    Ced,

    /// <summary>2100 Hz with phase reversals every 450 ms (V.25 ANS/PR, echo-canceller disable).</summary>
    AnsPr,

    /// <summary>2100 Hz amplitude-modulated at 15 Hz (V.8 ANSam, super G3).</summary>
    AnsAm,

    /// <summary>ANSam with phase reversals (V.8 ANSam/PR).</summary>
    AnsAmPr,

    /// <summary>The V.21 channel-2 HDLC flag preamble that precedes DIS.</summary>
    V21Preamble,
}
