namespace FaxBox.Host.Appliance;

/// <summary>What <c>faxbox demo</c> runs (its command-line options).</summary>
internal sealed class DemoOptions
{
    /// <summary>The most pages: a dense test page takes about 100 s at 14400 bit/s, so 15 fit the 30-minute bound.</summary>
    public const int MaxPages = 15;

    /// <summary>The most pages in real time: 5 fit the 10-minute wall-clock bound.</summary>
    public const int MaxRealTimePages = 5;

    /// <summary>Pages of the generated test document box A's fax machine sends (<c>--pages</c>, 1–15; 1–5 in real time). Default 3.</summary>
    public int Pages { get; init; } = 3;

    /// <summary>
    /// Forces the G.711 fallback (<c>--g711</c>): box A is configured <c>fax.t38 = never</c>, so box B's T.38 re-INVITE is
    /// refused with 488 and B re-INVITEs to G.711 fax pass-through. Default false (T.38).
    /// </summary>
    public bool ForceG711 { get; init; }

    /// <summary>Share of the call's RTP and UDPTL datagrams box A drops, both ways (<c>--loss</c>, 0–50 %). Default 0.</summary>
    public double LossPercent { get; init; }

    /// <summary>Ticks on the real-time media clock (<c>--real-time</c>) instead of the paced virtual one. Default false.</summary>
    public bool RealTime { get; init; }

    /// <summary>Where <c>sent.tif</c>, <c>received.tif</c> and <c>summary.json</c> are kept (<c>--out</c>). Required.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>
    /// <c>--mqtt</c>: publish both boxes' status to this broker (devices <c>demo-a</c> and <c>demo-b</c>, topics
    /// <c>faxbox/demo-a/…</c>). Default null: no MQTT.
    /// </summary>
    public string? MqttUrl { get; init; }

    /// <summary>The bound on simulated time. Default 30 minutes.</summary>
    public TimeSpan SimulatedLimit { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The bound on wall-clock time. Default 10 minutes.</summary>
    public TimeSpan WallLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Throws <see cref="ArgumentException"/> naming the wrong option.</summary>
    public void Validate()
    {
        if (Pages is < 1 or > MaxPages)
        {
            throw new ArgumentException($"--pages: {Pages} is not 1 to {MaxPages}");
        }

        if (RealTime && Pages > MaxRealTimePages)
        {
            throw new ArgumentException($"--pages: {Pages} pages take about {(Pages * 100 + 59) / 60} minutes in real time; with --real-time at most {MaxRealTimePages} fit the demo's 10-minute bound");
        }

        if (LossPercent is < 0 or > 50 || double.IsNaN(LossPercent))
        {
            throw new ArgumentException($"--loss: {LossPercent} is not 0 to 50 (percent)");
        }
    }
}
