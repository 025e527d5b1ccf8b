using System.Collections.Immutable;

namespace FaxBox.Core.Status;

/// <summary>
/// The record every fax call leaves, relayed or terminated: who, how (T.38 or G.711 and why), what was negotiated, what
/// went through, how it ended, and what the network did to it.
/// </summary>
/// <param name="Id">A unique id (time-ordered).</param>
/// <param name="CallId">The SIP Call-ID.</param>
/// <param name="Port">The line port ("fxs0") or "terminal".</param>
/// <param name="Direction">"inbound" (SIP to the port) or "outbound" (the port to SIP).</param>
/// <param name="LocalNumber">The port's or dialled number.</param>
/// <param name="RemoteNumber">The far party's number.</param>
/// <param name="Started">When fax was first detected.</param>
/// <param name="Ended">When the call ended.</param>
/// <param name="Mode">T.38 or G.711 for the fax part of the call.</param>
/// <param name="ModeReason">Why that mode: "peer re-INVITE", "box re-INVITE on CED", "T.38 refused: 488 Not Acceptable Here", "T.38 timed out", "policy never"…</param>
/// <param name="T38">The T.38 parameters negotiated, when the mode is T.38.</param>
/// <param name="Pages">Pages transferred (MCF'd).</param>
/// <param name="BitRate">The last image data rate negotiated (DCS), 0 when none.</param>
/// <param name="Ecm">Whether ECM was used.</param>
/// <param name="Success">True when the T.30 session ended normally (DCN after MCF of the last page).</param>
/// <param name="Result">The T.30 result in words ("ok", "no response to DCS", "call dropped on page 3"…).</param>
/// <param name="Network">The network side: packets, loss, jitter, redundancy recoveries.</param>
public sealed record FaxRecord(
    string Id,
    string CallId,
    string Port,
    string Direction,
    string? LocalNumber,
    string? RemoteNumber,
    DateTimeOffset Started,
    DateTimeOffset Ended,
    CallMediaMode Mode,
    string ModeReason,
    FaxT38Parameters? T38,
    int Pages,
    int BitRate,
    bool Ecm,
    bool Success,
    string Result,
    FaxNetworkStatistics Network)
{
    /// <summary>Most entries <see cref="T30Frames"/> keeps; later frames replace the last entry and count in <see cref="T30FramesOmitted"/>.</summary>
    public const int MaxT30Frames = 400;

    /// <summary>
    /// The T.30 frames of the call in order (the ladder diagram), at most <see cref="MaxT30Frames"/>; empty when the engine
    /// gave no view of the session (or for records written before the box kept them).
    /// </summary>
    public ImmutableArray<T30FrameEntry> T30Frames { get; init; } = [];

    /// <summary>Frames left out of <see cref="T30Frames"/> once it was full (the last frame seen is always kept).</summary>
    public int T30FramesOmitted { get; init; }
}
