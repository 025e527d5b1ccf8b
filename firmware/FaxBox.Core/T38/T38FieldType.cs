namespace FaxBox.Core.T38;

/// <summary><c>field-type</c> of an IFP data field (ITU-T T.38 Annex A <c>Data-Field</c>); 8 and up exist only in the post-corrigendum ASN.1.</summary>
public enum T38FieldType
{
    HdlcData = 0,
    HdlcSigEnd = 1,
    HdlcFcsOk = 2,
    HdlcFcsBad = 3,
    HdlcFcsOkSigEnd = 4,
    HdlcFcsBadSigEnd = 5,
    T4NonEcmData = 6,
    T4NonEcmSigEnd = 7,
    CmMessage = 8,
    JmMessage = 9,
    CiMessage = 10,
    V34Rate = 11,
}
