namespace FaxBox.Admin.Diagnostics;

/// <summary>The readiness test's sweeps: which loopback calls each runs.</summary>
/// <param name="Id">Its form value.</param>
/// <param name="Title">Its label.</param>
/// <param name="Cases">The calls, in order.</param>
public sealed record ReadinessSweep(string Id, string Title, IReadOnlyList<ReadinessCase> Cases)
{
    /// <summary>
    /// The sweeps the page offers. Quick: one clean call per fax path the box uses (G.711 audio, T.38 relay). Loss: T.38
    /// through two gateways at 0–20 % datagram loss with redundancy 3. Noise: G.711 audio at −60 to −35 dBm0 of noise.
    /// </summary>
    public static IReadOnlyList<ReadinessSweep> All { get; } =
    [
        new("quick", "Quick: G.711 audio and T.38 relay, no impairment (2 calls)",
        [
            new("G.711 audio, clean", "audio"),
            new("T.38 relay (two gateways), clean", "gateway-to-gateway"),
        ]),
        new("loss", "Loss sweep: T.38 relay at 0, 5, 10 and 20 % datagram loss, redundancy 3 (4 calls)",
        [
            new("T.38, 0 % loss", "gateway-to-gateway", 0, 3),
            new("T.38, 5 % loss", "gateway-to-gateway", 5, 3),
            new("T.38, 10 % loss", "gateway-to-gateway", 10, 3),
            new("T.38, 20 % loss", "gateway-to-gateway", 20, 3),
        ]),
        new("noise", "Noise sweep: G.711 audio with noise at −60, −50, −45 and −35 dBm0 (4 calls)",
        [
            new("G.711, noise −60 dBm0", "audio", NoiseDbm0: -60),
            new("G.711, noise −50 dBm0", "audio", NoiseDbm0: -50),
            new("G.711, noise −45 dBm0", "audio", NoiseDbm0: -45),
            new("G.711, noise −35 dBm0", "audio", NoiseDbm0: -35),
        ]),
    ];

    /// <summary>The sweep named <paramref name="id"/>, or null.</summary>
    public static ReadinessSweep? Find(string? id) => All.FirstOrDefault(s => s.Id == id);
}
