using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.T38;

/// <summary>
/// The sending side of a T.38 object: forwards each IFP spandsp's tx packet handler gives to the owner's sink,
/// counts packets both ways, and holds a sink exception until the native call returns.
/// </summary>
internal sealed unsafe class IfpOutput(IIfpSink sink, CallbackFault fault)
{
    private IfpCounters _packets;

    public IfpCounters Packets => _packets;

    /// <summary>Called from inside the native tx packet handler.</summary>
    public void Send(byte* buf, int len, int count)
    {
        try
        {
            _packets = _packets with { Sent = _packets.Sent + 1, SentBytes = _packets.SentBytes + len };
            sink.SendIfp(new ReadOnlySpan<byte>(buf, len), count);
        }
        catch (Exception e)
        {
            fault.Capture(e);
        }
    }

    /// <summary>Counts one IFP fed into the native core.</summary>
    public void CountReceived(int length) =>
        _packets = _packets with { Received = _packets.Received + 1, ReceivedBytes = _packets.ReceivedBytes + length };
}
