using FaxBox.Fax.Modems;

namespace FaxBox.Host.Diagnostics;

/// <summary>One point of the call-level receiver comparison (<see cref="ModemTrials"/>).</summary>
/// <param name="Modem">The high-speed modem (V.27ter, V.29, V.17).</param>
/// <param name="BitRate">Its rate.</param>
/// <param name="LevelDbm0">Transmit level of the sender (a weak line: −33 to −43 dBm0).</param>
/// <param name="NoiseDbm0">White noise on the line in dBm0.</param>
/// <param name="FrequencyOffsetHz">Carrier frequency offset of the line.</param>
/// <param name="Codec">What the line ends in (default A-law, as most of the world's trunks).</param>
internal sealed record ModemTrialPoint(ModemType Modem, int BitRate, double LevelDbm0, double NoiseDbm0, double FrequencyOffsetHz = 0, LoopbackCodec Codec = LoopbackCodec.ALaw)
{
    public override string ToString() =>
        FormattableString.Invariant($"{Modem} {BitRate} level {LevelDbm0:g} noise {NoiseDbm0:g} offset {FrequencyOffsetHz:g} Hz");
}
