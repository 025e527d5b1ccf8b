namespace FaxBox.Fax;

/// <summary>Settings for one T.38 gateway (one relayed call).</summary>
public sealed class T38GatewayOptions
{
    /// <summary>Whether ECM may pass through the gateway (it edits DIS/DTC in transit when not). Default on.</summary>
    public bool Ecm { get; init; } = true;

    /// <summary>Modems the gateway lets the terminals use. Default V.27ter, V.29 and V.17.</summary>
    public FaxModems Modems { get; init; } = FaxModems.All;

    /// <summary>T.38 settings.</summary>
    public T38Options T38 { get; init; } = new();

    /// <summary>
    /// A relay that has not seen DCN after this much simulated time is reported ended by the watchdog.
    /// Default 20 minutes.
    /// </summary>
    public TimeSpan Watchdog { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>A tag for log lines of this call. Default "gateway".</summary>
    public string LogTag { get; init; } = "gateway";
}
