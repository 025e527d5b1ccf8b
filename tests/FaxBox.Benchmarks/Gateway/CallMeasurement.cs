namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// What one measured call cost and how long it took in simulated time. Times are media time from the first tick of the
/// run; null where the path has no such event.
/// </summary>
/// <param name="Path">baseline, t38 or g711.</param>
/// <param name="Ok">Both T.30 ends succeeded with every page and the received file is pixel-identical to the sent one.</param>
/// <param name="Detail">Mode, reason, pages, rate, ECM, or what failed.</param>
/// <param name="ProcessCpuMs">CPU time of the whole process over the call's tick loop (every thread).</param>
/// <param name="KernelCpuMs">The part of <paramref name="ProcessCpuMs"/> spent in the kernel (system calls: socket polls, sends), 10 ms resolution.</param>
/// <param name="TerminalsCpuMs">Thread CPU inside the two fax machines' T.30 audio terminals (timer cost removed).</param>
/// <param name="EngineGatewayCpuMs">Thread CPU inside the gateways' engine T.38 gateways (timer cost removed); 0 in the baseline.</param>
/// <param name="SimulatorTickCpuMs">Thread CPU of the line simulators' ticks (machines, loops, ports and the call media they drive); 0 in the baseline.</param>
/// <param name="GatewayTickCpuMs">Thread CPU of the gateways' own ticks (call control); 0 in the baseline.</param>
/// <param name="InstrumentationCpuMs">Estimated cost of the timer reads taken by the meters, already part of <paramref name="ProcessCpuMs"/>.</param>
/// <param name="SenderOffHook">The sending machine lifted the handset (dial tone, dialling, ringing follow).</param>
/// <param name="SenderT30Start">The sender's T.30 session started (CNG).</param>
/// <param name="ReceiverAnswer">The receiving machine answered and its T.30 session started (CED).</param>
/// <param name="ReceiverT30End">The receiver's T.30 session ended (phase E).</param>
internal sealed record CallMeasurement(
    string Path,
    bool Ok,
    string Detail,
    double ProcessCpuMs,
    double KernelCpuMs,
    double TerminalsCpuMs,
    double EngineGatewayCpuMs,
    double SimulatorTickCpuMs,
    double GatewayTickCpuMs,
    double InstrumentationCpuMs,
    TimeSpan SenderOffHook,
    TimeSpan SenderT30Start,
    TimeSpan ReceiverAnswer,
    TimeSpan ReceiverT30End)
{
    /// <summary>The T.30 session as the receiver sees it: from its answer (CED) to its phase E.</summary>
    public TimeSpan AnswerToEnd => ReceiverT30End - ReceiverAnswer;

    /// <summary>The whole call: from the sender's off-hook to the receiver's phase E.</summary>
    public TimeSpan OffHookToEnd => ReceiverT30End - SenderOffHook;

    /// <summary>Process CPU with the meters' own timer reads taken out.</summary>
    public double CleanProcessCpuMs => ProcessCpuMs - InstrumentationCpuMs;

    /// <summary>Process CPU outside the ticking thread's brackets: SIP and timer threads, the loop's awaits, GC, JIT.</summary>
    public double OutsideTicksCpuMs => CleanProcessCpuMs - SimulatorTickCpuMs - GatewayTickCpuMs - (SimulatorTickCpuMs > 0 ? 0 : TerminalsCpuMs);

    /// <summary>The appliance's share: the whole process less the simulated fax machines (which live outside a real box).</summary>
    public double ApplianceCpuMs => CleanProcessCpuMs - TerminalsCpuMs;
}
