using FaxBox.Fax.CallerId;

namespace FaxBox.LineInterface.Regions;

/// <summary>A region's on-hook caller-ID signalling.</summary>
/// <param name="Standard">The data format and modulation (Bell 202, ETSI V.23, DTMF, J-CLIP).</param>
/// <param name="Alerting">When the data is sent relative to ringing.</param>
public sealed record CallerIdSpec(CallerIdStandard Standard, CallerIdAlerting Alerting);
