namespace FaxBox.Core.Status;

/// <summary>The T.38 parameters a fax call negotiated (ITU-T T.38 Annex D).</summary>
/// <param name="Version">T38FaxVersion agreed.</param>
/// <param name="MaxBitRate">T38MaxBitRate agreed.</param>
/// <param name="RateManagement">"transferredTCF" or "localTCF".</param>
/// <param name="ErrorCorrection">"redundancy", "fec" or "none".</param>
/// <param name="RemoteMaxDatagram">The peer's T38FaxMaxDatagram, when it gave one.</param>
public sealed record FaxT38Parameters(int Version, int MaxBitRate, string RateManagement, string ErrorCorrection, int? RemoteMaxDatagram);
