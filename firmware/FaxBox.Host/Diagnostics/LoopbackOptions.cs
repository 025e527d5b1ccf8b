namespace FaxBox.Host.Diagnostics;

/// <summary>One loopback fax call: the box's built-in fax readiness test.</summary>
public sealed class LoopbackOptions
{
    /// <summary>The path through terminals and gateways. Default audio.</summary>
    public LoopbackPath Path { get; init; } = LoopbackPath.Audio;

    /// <summary>The one image modem both terminals offer (forcing it). Default V.17.</summary>
    public Fax.FaxModems Modem { get; init; } = Fax.FaxModems.V17;

    /// <summary>Error correction mode offered by both terminals. Default on.</summary>
    public bool Ecm { get; init; } = true;

    /// <summary>The audio legs' codec. Default A-law.</summary>
    public LoopbackCodec Codec { get; init; } = LoopbackCodec.ALaw;

    /// <summary>Pages of the generated test document when <see cref="Input"/> is not set. Default 1.</summary>
    public int Pages { get; init; } = 1;

    /// <summary>A TIFF to send instead of a generated test page.</summary>
    public string? Input { get; init; }

    /// <summary>Percentage of T.38 datagrams lost on each T.38 leg, 0–100. Default 0.</summary>
    public double LossPercent { get; init; }

    /// <summary>Earlier IFPs repeated in each datagram (UDPTL redundancy). Default 0.</summary>
    public int Redundancy { get; init; }

    /// <summary>White noise added to every audio leg, in dBm0; null for none.</summary>
    public double? NoiseDbm0 { get; init; }

    /// <summary>Seed of every random choice (loss, noise), so a run can be repeated exactly. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Where <c>received.tif</c>, <c>sent.tif</c> and <c>report.json</c> go. Required.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>
    /// Simulated time after which each terminal's watchdog ends a call that has not reached T.30 phase E
    /// (the loop itself stops a minute later). Default 30 minutes: three dense test pages at 4800 bit/s take about 15.
    /// </summary>
    public TimeSpan Watchdog { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Checks ranges; throws <see cref="ArgumentException"/> naming the option.</summary>
    public void Validate()
    {
        if (Pages is < 1 or > 500)
        {
            throw new ArgumentException($"--pages must be 1..500, got {Pages}", nameof(Pages));
        }

        if (LossPercent is < 0 or > 100 || double.IsNaN(LossPercent))
        {
            throw new ArgumentException($"--loss must be 0..100 percent, got {LossPercent}", nameof(LossPercent));
        }

        if (Redundancy is < 0 or > 8)
        {
            throw new ArgumentException($"--redundancy must be 0..8, got {Redundancy}", nameof(Redundancy));
        }

        if (NoiseDbm0 is > 3.14 or < -100)
        {
            throw new ArgumentException($"--noise must be -100..3 dBm0, got {NoiseDbm0}", nameof(NoiseDbm0));
        }

        if (Modem is not (Fax.FaxModems.V17 or Fax.FaxModems.V29 or Fax.FaxModems.V27ter))
        {
            throw new ArgumentException($"--modem must be one of v17, v29, v27ter", nameof(Modem));
        }
    }
}
