using FaxBox.Fax;

namespace FaxBox.Host.Diagnostics;

/// <summary>What the tick loop ends with.</summary>
internal sealed record LoopbackCallResult(
    FaxResult? Sender,
    FaxResult? Receiver,
    TimeSpan Simulated,
    long DatagramsSent,
    long DatagramsLost,
    long IfpsRecovered,
    long IfpsLost);
