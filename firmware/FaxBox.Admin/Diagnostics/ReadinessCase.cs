namespace FaxBox.Admin.Diagnostics;

/// <summary>One call of the fax readiness test: a loopback fax through the box's own engine along a path, with impairments.</summary>
/// <param name="Name">What it shows, e.g. "T.38, 5 % loss, redundancy 3".</param>
/// <param name="Path">The loopback path as <c>faxbox fax loopback --path</c> names it: audio, gateway-to-terminal, terminal-to-gateway, gateway-to-gateway.</param>
/// <param name="LossPercent">T.38 datagrams lost on each T.38 leg, 0–100.</param>
/// <param name="Redundancy">UDPTL redundancy (earlier IFPs repeated per datagram), 0–8.</param>
/// <param name="NoiseDbm0">White noise on the audio legs in dBm0, or null for none.</param>
public sealed record ReadinessCase(string Name, string Path, double LossPercent = 0, int Redundancy = 0, double? NoiseDbm0 = null);
