namespace FaxBox.Sip.Sdp;

/// <summary>T38FaxRateManagement (ITU-T T.38 Annex D): how TCF is handled.</summary>
public enum T38RateManagement
{
    /// <summary>transferredTCF: TCF is sent end to end (required over UDPTL).</summary>
    TransferredTcf,

    /// <summary>localTCF: each gateway generates and checks TCF locally (TCP).</summary>
    LocalTcf,
}
