namespace FaxBox.LineInterface;

/// <summary>One address digit a port recognised or sent.</summary>
/// <param name="Digit">0–9, *, #, A–D (pulse dialling carries only 0–9).</param>
/// <param name="Method">DTMF or pulse.</param>
/// <param name="At">Port time (ticks × 20 ms since the port started) when the digit was complete.</param>
public readonly record struct DialledDigit(char Digit, DialMethod Method, TimeSpan At);
