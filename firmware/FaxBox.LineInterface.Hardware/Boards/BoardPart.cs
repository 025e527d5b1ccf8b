namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>The part that implements a port. JSON uses the part number as written here (<c>"Si3215"</c>) or <c>"simulated"</c>.</summary>
public enum BoardPart
{
    /// <summary>The in-memory simulator (only on <see cref="BoardKind.Simulator"/> boards).</summary>
    Simulated,

    /// <summary>Silicon Labs Si3215 ProSLIC (FXS; the reference HAT's part).</summary>
    Si3215,

    /// <summary>Silicon Labs Si3210 ProSLIC (FXS; the Si3215's sibling with on-chip DTMF and FSK, same driver).</summary>
    Si3210,

    /// <summary>Silicon Labs Si3050 system-side DAA with an Si3019 line side (FXO).</summary>
    Si3050,
}
