using System.Text.Json;
using System.Text.Json.Serialization;
using FaxBox.Core.Status;
using FaxBox.Fax;

namespace FaxBox.Host.Appliance;

/// <summary>
/// <c>summary.json</c> of <c>faxbox demo --out DIR</c>: the verdict, the comparison of the received document with the
/// sent one, both boxes' fax records (as their status feeds published them) and both fax machines' T.30 results.
/// </summary>
/// <param name="Passed">True when the received pages are pixel-identical and both records say success.</param>
/// <param name="Reason">Why it failed; null when it passed.</param>
/// <param name="Options">What was run: pages, forced G.711, loss, real time.</param>
/// <param name="Sent">The sent document (<c>sent.tif</c>).</param>
/// <param name="Received">The received document (<c>received.tif</c>); null when none arrived.</param>
/// <param name="PixelIdentical">Whether every received page equals the sent one pixel for pixel.</param>
/// <param name="Comparison">The comparison in words ("identical (3 page(s))", "3 vs 2 page(s), … differing pixel(s)").</param>
/// <param name="SentPages">Pages in the sent document.</param>
/// <param name="ReceivedPages">Pages in the received document (0 when none arrived).</param>
/// <param name="DifferingPixels">Pixels that differ, summed over the pages.</param>
/// <param name="SimulatedSeconds">Simulated time the demo ran (media ticks × 20 ms).</param>
/// <param name="WallSeconds">Wall-clock time the demo ran.</param>
/// <param name="BoxA">Box A's fax record (the sending side's box); null when it left none.</param>
/// <param name="BoxB">Box B's fax record (the receiving side's box); null when it left none.</param>
/// <param name="Sender">The T.30 result of the sending fax machine on box A; null when its session never ended.</param>
/// <param name="Receiver">The T.30 result of the receiving fax machine on box B; null when its session never ended.</param>
internal sealed record DemoSummary(
    bool Passed,
    string? Reason,
    DemoSummaryOptions Options,
    string Sent,
    string? Received,
    bool PixelIdentical,
    string Comparison,
    int SentPages,
    int ReceivedPages,
    long DifferingPixels,
    double SimulatedSeconds,
    double WallSeconds,
    FaxRecord? BoxA,
    FaxRecord? BoxB,
    FaxResult? Sender,
    FaxResult? Receiver)
{
    /// <summary>camelCase, indented, enums as names.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
