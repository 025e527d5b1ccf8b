namespace FaxBox.LineInterface.Regions;

/// <summary>One call-progress tone of a region's tone plan (ITU-T E.180 §2; values from E.180 Supplement 2 and national specs).</summary>
/// <param name="FrequenciesHz">
/// One or two frequencies summed (350+440 Hz), or a carrier when <paramref name="ModulationHz"/> is set; with
/// <paramref name="Sequential"/>, the frequencies played one after another (950, 1400, 1800 Hz).
/// </param>
/// <param name="LevelDbm0">Level of each frequency component in dBm0 (E.180 §3 recommends −10 to −20 dBm0 in total).</param>
/// <param name="Cadence">On/off cadence.</param>
/// <param name="ModulationHz">When set, the carrier is amplitude-modulated (100 %) at this rate (Japan's ringback: 400 Hz × 16 Hz).</param>
/// <param name="Sequential">
/// When true the tone is a sequence (the special information tone of E.180 §2.6): the n-th on segment of each cadence
/// cycle plays frequency n alone, so the cadence has one on segment per frequency.
/// </param>
public sealed record ToneSpec(IReadOnlyList<double> FrequenciesHz, double LevelDbm0, Cadence Cadence, double? ModulationHz = null, bool Sequential = false)
{
    /// <summary>"350+440 Hz, continuous"; a sequence "950, then 1400, then 1800 Hz, 0.33 on 0 off ...".</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{string.Join(Sequential ? ", then " : "+", FrequenciesHz)} Hz{(ModulationHz is { } m ? FormattableString.Invariant($" ×{m} Hz") : string.Empty)}, {Cadence}");
}
