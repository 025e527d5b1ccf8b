namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>Linefeed states, register 64 LF[2:0] (written) and LFS[2:0] (the state actually in force, read back).</summary>
public enum Si3215Linefeed : byte
{
    /// <summary>0: open; tip and ring high impedance (the state after reset).</summary>
    Open = 0,

    /// <summary>1: forward active; battery fed, loop closure detected, audio on.</summary>
    ForwardActive = 1,

    /// <summary>2: forward on-hook transmission (audio while on hook: on-hook caller ID).</summary>
    ForwardOnHookTransmission = 2,

    /// <summary>3: tip open.</summary>
    TipOpen = 3,

    /// <summary>4: ringing, from the ringing oscillator.</summary>
    Ringing = 4,

    /// <summary>5: reverse active (polarity reversal).</summary>
    ReverseActive = 5,

    /// <summary>6: reverse on-hook transmission.</summary>
    ReverseOnHookTransmission = 6,

    /// <summary>7: ring open.</summary>
    RingOpen = 7,
}
