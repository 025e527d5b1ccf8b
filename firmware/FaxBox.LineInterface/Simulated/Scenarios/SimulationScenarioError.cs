namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>One thing wrong with a <c>simulation</c> object: the key's JSON path (e.g. <c>simulation.ports[0].terminal.send.to</c>) and why.</summary>
/// <param name="Key">The JSON path of the offending key, from the board file's root.</param>
/// <param name="Reason">What is wrong and, where possible, what is allowed.</param>
public sealed record SimulationScenarioError(string Key, string Reason)
{
    /// <summary><c>key: reason</c>.</summary>
    public override string ToString() => $"{Key}: {Reason}";
}
