using FaxBox.Fax.Tones;

namespace FaxBox.CallControl.Bridging;

/// <summary>A fax tone a call's media heard.</summary>
/// <param name="Tone">Which tone.</param>
/// <param name="FromLine">True when heard from the analog line, false when heard in audio from the network.</param>
/// <param name="At">Call media time (frames × 20 ms since the media was made).</param>
public readonly record struct FaxToneEvent(FaxTone Tone, bool FromLine, TimeSpan At);
