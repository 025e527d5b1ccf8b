namespace FaxBox.Media.Udptl;

/// <summary>What a <see cref="UdptlSession"/> sent.</summary>
public sealed class UdptlSendStatistics
{
    /// <summary>IFPs handed to <see cref="UdptlSession.SendIfp"/> and numbered.</summary>
    public long Ifps { get; internal set; }

    /// <summary>Datagrams put on the wire (repeated copies and keep-alives included).</summary>
    public long Datagrams { get; internal set; }

    /// <summary>No-Op keep-alives (no-signal indicators) sent before the first fax IFP.</summary>
    public long KeepAlives { get; internal set; }

    /// <summary>Repeated copies that could not be queued because the repeat queue was full (sent once only).</summary>
    public long RepeatsDropped { get; internal set; }

    /// <summary>IFPs refused as larger than the peer's T38FaxMaxDatagram.</summary>
    public long IfpsTooLarge { get; internal set; }
}
