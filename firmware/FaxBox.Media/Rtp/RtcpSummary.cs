namespace FaxBox.Media.Rtp;

/// <summary>What <see cref="RtcpCompoundReader"/> found in one compound packet.</summary>
internal struct RtcpSummary
{
    public uint SenderSsrc;
    public bool HasSenderReport;
    public ulong SenderNtp;
    public RtcpReportBlock? Block;
    public bool Bye;
}
