namespace FaxBox.LineInterface.Hardware.Si3050;

/// <summary>What one service of the Si3050's INT line found.</summary>
/// <param name="Pending">Interrupt-source bits that were set (now cleared).</param>
/// <param name="Control">Register 5 afterwards: ring detect and hook state.</param>
public readonly record struct Si3050InterruptEvents(Si3050Interrupt Pending, Si3050DaaControl1 Control);
