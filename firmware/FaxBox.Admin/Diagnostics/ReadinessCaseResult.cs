namespace FaxBox.Admin.Diagnostics;

/// <summary>What one readiness call did.</summary>
/// <param name="Case">The call.</param>
/// <param name="Passed">Both ends reported success and every page arrived pixel for pixel.</param>
/// <param name="Pages">Pages received of <paramref name="PagesSent"/>.</param>
/// <param name="PagesSent">Pages sent.</param>
/// <param name="BitRate">The image modem's rate.</param>
/// <param name="Ecm">Whether ECM was in use.</param>
/// <param name="Result">The receiver's T.30 result in words.</param>
/// <param name="SimulatedSeconds">The call's length on the line.</param>
/// <param name="DatagramsLost">T.38 datagrams lost, of <paramref name="DatagramsSent"/>.</param>
/// <param name="DatagramsSent">T.38 datagrams sent.</param>
public sealed record ReadinessCaseResult(ReadinessCase Case, bool Passed, int Pages, int PagesSent, int BitRate, bool Ecm, string Result, double SimulatedSeconds, long DatagramsLost, long DatagramsSent);
