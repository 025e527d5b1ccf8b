namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>What hangs on a simulated loop (JSON <c>terminal.type</c>).</summary>
public enum SimulatedTerminalKind
{
    /// <summary>A <see cref="VirtualPhone"/> (JSON <c>"phone"</c>).</summary>
    Phone,

    /// <summary>A <see cref="VirtualFaxMachine"/> (JSON <c>"faxMachine"</c>).</summary>
    FaxMachine,
}
