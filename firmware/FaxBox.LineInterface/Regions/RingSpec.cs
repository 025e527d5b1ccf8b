namespace FaxBox.LineInterface.Regions;

/// <summary>The ringing signal an exchange (or an FXS port) applies to the loop.</summary>
/// <param name="FrequencyHz">Ringing frequency (16–50 Hz).</param>
/// <param name="Cadence">Ring cadence (the UK's double ring is "0.4 on 0.2 off 0.4 on 2.0 off").</param>
public sealed record RingSpec(double FrequencyHz, Cadence Cadence);
