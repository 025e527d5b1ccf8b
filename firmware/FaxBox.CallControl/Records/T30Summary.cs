namespace FaxBox.CallControl.Records;

/// <summary>What a <see cref="T30SessionObserver"/> has made of a T.30 session so far.</summary>
/// <param name="Pages">Pages the receiver confirmed (MCF or RTP to a post-page command).</param>
/// <param name="BitRate">The image data rate of the last DCS (T.30 Table 2, bits 11–14), 0 when none was seen.</param>
/// <param name="Ecm">Whether the last DCS selected error correction mode (T.30 Table 2, bit 27).</param>
/// <param name="Result">The outcome in words: "ok", "FTT", "RTN", "no response to EOP", "call ended on page 2"…</param>
/// <param name="Success">True only for DCN after an MCF to EOP.</param>
/// <param name="Complete">True once DCN was seen, either way.</param>
/// <param name="Frames">T.30 frames seen.</param>
public readonly record struct T30Summary(int Pages, int BitRate, bool Ecm, string Result, bool Success, bool Complete, int Frames);
