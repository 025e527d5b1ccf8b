namespace FaxBox.CallControl.Records;

/// <summary>A step of a T.30 session seen by <see cref="T30SessionObserver"/>.</summary>
/// <param name="Phase">"B" (the first DCS: parameters negotiated), "D" (a page confirmed by MCF) or "E" (DCN).</param>
/// <param name="Pages">Pages confirmed so far.</param>
/// <param name="BitRate">The image rate of the last DCS, 0 before one.</param>
/// <param name="Ecm">Whether the last DCS asked for ECM.</param>
public readonly record struct T30Progress(string Phase, int Pages, int BitRate, bool Ecm);
