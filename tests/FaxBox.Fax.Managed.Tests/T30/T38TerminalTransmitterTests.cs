using FaxBox.Fax.Managed.T38;

namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>The pacing arithmetic of the T.38 transmitter that keeps a gateway's modem from falling behind.</summary>
public sealed class T38TerminalTransmitterTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0)]
    [InlineData(new byte[] { 0xF8 }, 1)] // five ones, then zeros
    [InlineData(new byte[] { 0xFF }, 1)] // eight ones: one zero after the fifth
    [InlineData(new byte[] { 0xFF, 0xFF }, 3)] // sixteen ones: after the 5th, 10th and 15th
    [InlineData(new byte[] { 0x7E, 0x7E }, 2)] // 0111 1110 twice: two runs of six ones, a zero after each fifth
    public void HDLC_overhead_counts_stuffed_zeros_FCS_and_flag(byte[] frame, int stuffed)
    {
        Assert.Equal(stuffed + 16 + 3 + 8, T38TerminalTransmitter.HdlcOverheadBits(frame));
    }
}
