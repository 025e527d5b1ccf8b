namespace FaxBox.Core.Status;

/// <summary>
/// One step of a fax in progress (T.30 phase B negotiated, a page done, phase E), relayed or terminated. Carried by a
/// <see cref="StatusChange"/> of kind <see cref="StatusChangeKind.FaxProgress"/>; not kept in the snapshot.
/// </summary>
/// <param name="CallId">The SIP Call-ID of the fax call.</param>
/// <param name="Port">The line port ("fxs0") or "terminal".</param>
/// <param name="Phase">"B" (parameters negotiated), "D" (a page done) or "E" (the session ended).</param>
/// <param name="Pages">Pages transferred so far.</param>
/// <param name="BitRate">The image data rate negotiated, 0 before phase B.</param>
/// <param name="Ecm">Whether ECM is in use.</param>
/// <param name="At">When it happened.</param>
public sealed record FaxProgress(string CallId, string Port, string Phase, int Pages, int BitRate, bool Ecm, DateTimeOffset At);
