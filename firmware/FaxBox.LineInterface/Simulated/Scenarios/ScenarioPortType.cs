namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>What a simulated board port is, as the scenario parser needs to know it.</summary>
public enum ScenarioPortType
{
    /// <summary>An FXS port: a terminal (phone, fax machine) hangs on its loop.</summary>
    Fxs,

    /// <summary>An FXO port: it sits on a virtual exchange line with a directory number.</summary>
    Fxo,
}
