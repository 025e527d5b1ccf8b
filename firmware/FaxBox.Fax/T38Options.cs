namespace FaxBox.Fax;

/// <summary>T.38 settings of a terminal or gateway, as negotiated in SDP (ITU-T T.38 Annex D attributes).</summary>
public sealed class T38Options
{
    /// <summary>T38FaxVersion. Default 0 (what every peer speaks).</summary>
    public int Version { get; init; }

    /// <summary>T38FaxRateManagement: true for transferredTCF (the default for UDPTL), false for localTCF.</summary>
    public bool TransferredTcf { get; init; } = true;

    /// <summary>T38FaxMaxBuffer the peer announced. Default 400.</summary>
    public int MaxBuffer { get; init; } = 400;

    /// <summary>T38FaxMaxDatagram the peer announced, as IFP bytes. Default 100 (a small one keeps IFPs small).</summary>
    public int MaxDatagram { get; init; } = 100;

    /// <summary>T38FaxFillBitRemoval. Default off.</summary>
    public bool FillBitRemoval { get; init; }
}
