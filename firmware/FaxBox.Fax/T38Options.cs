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

    /// <summary>
    /// Which ASN.1 of the IFP to speak (T.38 (1998) or the corrigendum's, differing only in <c>field-type</c>); it is not
    /// negotiated in SDP. Null (the default) follows T38FaxVersion as spandsp 0.0.6 does (checked by interop tests): the
    /// 1998 ASN.1 at version 0, the corrigendum's from version 1. Used by the managed T.38 terminal.
    /// </summary>
    public Core.T38.T38Asn1Variant? Asn1Variant { get; init; }

    /// <summary>The ASN.1 variant in effect: <see cref="Asn1Variant"/>, or the one <see cref="Version"/> implies.</summary>
    public Core.T38.T38Asn1Variant EffectiveAsn1Variant =>
        Asn1Variant ?? (Version >= 1 ? Core.T38.T38Asn1Variant.PostCorrigendum : Core.T38.T38Asn1Variant.PreCorrigendum);

    /// <summary>T38FaxFillBitRemoval. Default off.</summary>
    public bool FillBitRemoval { get; init; }
}
