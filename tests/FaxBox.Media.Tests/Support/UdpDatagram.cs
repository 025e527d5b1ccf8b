namespace FaxBox.Media.Tests.Support;

/// <summary>One UDP datagram read from a capture.</summary>
public sealed record UdpDatagram(int FrameNumber, TimeSpan Time, int SourcePort, int DestinationPort, byte[] Payload);
