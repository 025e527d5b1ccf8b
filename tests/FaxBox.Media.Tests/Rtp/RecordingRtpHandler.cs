using FaxBox.Media.Rtp;

namespace FaxBox.Media.Tests.Rtp;

public sealed class RecordingRtpHandler : IRtpPacketHandler
{
    public List<(RtpHeader Header, byte[] Payload)> Packets { get; } = [];

    public void OnRtpPacket(in RtpHeader header, ReadOnlySpan<byte> payload) => Packets.Add((header, payload.ToArray()));
}
