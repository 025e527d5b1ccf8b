namespace FaxBox.Core.Status;

/// <summary>Totals since the box started.</summary>
/// <param name="Calls">Calls that reached a line port or a SIP peer.</param>
/// <param name="Faxes">Fax calls (relayed or terminated) that ended.</param>
/// <param name="FaxesSucceeded">Of those, the ones whose T.30 session ended normally.</param>
/// <param name="Pages">Pages transferred.</param>
/// <param name="T38Fallbacks">Fax calls that fell back from T.38 to G.711.</param>
public sealed record FaxCounters(long Calls, long Faxes, long FaxesSucceeded, long Pages, long T38Fallbacks);
