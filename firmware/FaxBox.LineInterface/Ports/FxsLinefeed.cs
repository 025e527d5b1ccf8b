namespace FaxBox.LineInterface.Ports;

/// <summary>
/// The drive states an FXS line circuit applies to TIP/RING. They mirror the linefeed states of SLICs such as the
/// Si3215 ProSLIC (datasheet register 64 "Linefeed Control", LF[2:0]): a chip-backed port maps them one to one.
/// </summary>
public enum FxsLinefeed
{
    /// <summary>Both leads high impedance: no battery, no loop current (open loop / disconnect clear).</summary>
    Open,

    /// <summary>Normal battery, loop-closure detection active (idle and talking).</summary>
    ForwardActive,

    /// <summary>Normal battery with the audio path open while on-hook (on-hook transmission of caller ID).</summary>
    ForwardOnHookTransmission,

    /// <summary>Reversed battery, loop-closure detection active.</summary>
    ReverseActive,

    /// <summary>Reversed battery with the audio path open while on-hook.</summary>
    ReverseOnHookTransmission,

    /// <summary>The ringing generator drives the loop (the SLIC trips ringing itself on loop closure).</summary>
    Ringing,
}
