namespace FaxBox.Core.T38;

/// <summary>
/// The two encodings of the T.38 IFP <c>field-type</c>: the 1998 ASN.1 (pre-corrigendum: a plain 8-value ENUMERATED,
/// spoken by spandsp 0.0.6 and Asterisk, tshark's default) and the corrected one (extensible ENUMERATED, one more bit).
/// They differ only for IFPs with data fields.
/// </summary>
public enum T38Asn1Variant
{
    /// <summary>T.38 (1998) ASN.1: <c>field-type</c> without extension marker. The default.</summary>
    PreCorrigendum = 0,

    /// <summary>T.38 corrigendum ASN.1: <c>field-type</c> with extension marker (T.38 version 1 and later peers that follow it).</summary>
    PostCorrigendum = 1,
}
