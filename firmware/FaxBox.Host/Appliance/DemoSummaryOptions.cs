namespace FaxBox.Host.Appliance;

/// <summary>The options a demo ran with, as <c>summary.json</c> records them.</summary>
/// <param name="Pages">Pages sent.</param>
/// <param name="G711">Whether the G.711 fallback was forced.</param>
/// <param name="LossPercent">Datagram loss on box A's media, each way.</param>
/// <param name="RealTime">Whether the real-time media clock ticked.</param>
internal sealed record DemoSummaryOptions(int Pages, bool G711, double LossPercent, bool RealTime);
