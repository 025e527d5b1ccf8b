namespace FaxBox.Fax.Tones;

/// <summary>A tone starting or stopping, as reported by an <see cref="IToneDetector"/>.</summary>
/// <param name="Tone">Which tone.</param>
/// <param name="Present">True when the tone started, false when it ended.</param>
/// <param name="LevelDbm0">Its level in dBm0 when the detector measures one, else null.</param>
/// <param name="At">Simulated time since the detector was created.</param>
public readonly record struct ToneEvent(FaxTone Tone, bool Present, double? LevelDbm0, TimeSpan At);
