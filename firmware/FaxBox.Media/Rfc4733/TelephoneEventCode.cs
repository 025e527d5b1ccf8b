namespace FaxBox.Media.Rfc4733;

/// <summary>Telephone-event codes: DTMF (RFC 4733 §3.2) and the fax/modem tones of RFC 4734 §4 that FaxBox uses.</summary>
public enum TelephoneEventCode : byte
{
    Digit0 = 0,
    Digit1 = 1,
    Digit2 = 2,
    Digit3 = 3,
    Digit4 = 4,
    Digit5 = 5,
    Digit6 = 6,
    Digit7 = 7,
    Digit8 = 8,
    Digit9 = 9,
    Star = 10,
    Pound = 11,
    A = 12,
    B = 13,
    C = 14,
    D = 15,
    Flash = 16,

    /// <summary>V.25 answer tone, 2100 Hz (RFC 4734 ANS).</summary>
    Ans = 32,

    /// <summary>ANS with phase reversals (/ANS).</summary>
    AnsReversed = 33,

    /// <summary>V.8 ANSam, amplitude-modulated answer tone.</summary>
    AnsAm = 34,

    /// <summary>ANSam with phase reversals (/ANSam).</summary>
    AnsAmReversed = 35,

    /// <summary>T.30 calling tone, 1100 Hz (CNG).</summary>
    Cng = 36,
}
