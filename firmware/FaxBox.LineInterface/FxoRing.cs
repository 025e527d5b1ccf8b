namespace FaxBox.LineInterface;

/// <summary>One ring cycle recognised by an FXO port (a double ring such as the UK's counts once).</summary>
/// <param name="Count">1 for the first ring of a call, then 2, 3 …</param>
/// <param name="At">Port time when the ring burst was recognised.</param>
public readonly record struct FxoRing(int Count, TimeSpan At);
