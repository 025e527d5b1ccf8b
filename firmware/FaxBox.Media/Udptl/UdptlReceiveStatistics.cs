namespace FaxBox.Media.Udptl;

/// <summary>What a <see cref="UdptlDecoder"/> has seen; read by the per-call quality record. Updated on the media thread.</summary>
public sealed class UdptlReceiveStatistics
{
    /// <summary>Datagrams that decoded.</summary>
    public long Datagrams { get; internal set; }

    /// <summary>Datagrams that did not decode (counted, dropped).</summary>
    public long Malformed { get; internal set; }

    /// <summary>IFPs handed to the handler.</summary>
    public long IfpsDelivered { get; internal set; }

    /// <summary>IFPs that arrived only as a later packet's secondary IFP.</summary>
    public long RecoveredByRedundancy { get; internal set; }

    /// <summary>IFPs rebuilt from FEC parity.</summary>
    public long RecoveredByFec { get; internal set; }

    /// <summary>IFPs never recovered (sequence gaps the handler sees).</summary>
    public long IfpsLost { get; internal set; }

    /// <summary>Datagrams whose primary IFP had already arrived.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Datagrams that arrived after their IFP had been declared lost.</summary>
    public long Late { get; internal set; }

    /// <summary>Datagrams that arrived with a lower sequence number than one already seen.</summary>
    public long OutOfOrder { get; internal set; }

    /// <summary>The last decode error, for the diagnostics page.</summary>
    public UdptlDecodeError LastError { get; internal set; }
}
