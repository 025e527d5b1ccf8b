using FaxBox.Core;

namespace FaxBox.LineInterface.Hardware.Alsa;

/// <summary>
/// One timeslot of the PCM link as a port sees it: whole 20 ms frames in and out, never blocking. The media thread calls
/// <see cref="ReadFrame"/>/<see cref="WriteFrame"/>; the link's I/O thread fills and drains the other ends.
/// </summary>
public sealed class PcmChannel
{
    private readonly SampleRing _fromLine;
    private readonly SampleRing _toLine;
    private long _receiveUnderflows;
    private long _transmitOverflows;
    private long _transmitUnderflows;

    internal PcmChannel(int index, int bufferFrames)
    {
        Index = index;
        _fromLine = new SampleRing(bufferFrames * AudioFrame.Samples);
        _toLine = new SampleRing(bufferFrames * AudioFrame.Samples);
    }

    /// <summary>The channel (timeslot) number.</summary>
    public int Index { get; }

    /// <summary>Frames the port asked for before the link had delivered them (the port got silence).</summary>
    public long ReceiveUnderflows => Interlocked.Read(ref _receiveUnderflows);

    /// <summary>Frames the port wrote while the outgoing queue was full (dropped).</summary>
    public long TransmitOverflows => Interlocked.Read(ref _transmitOverflows);

    /// <summary>Periods the link sent silence because the port had not written in time.</summary>
    public long TransmitUnderflows => Interlocked.Read(ref _transmitUnderflows);

    /// <summary>The oldest received frame, or silence when none is queued.</summary>
    public void ReadFrame(Span<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        if (!_fromLine.TryRead(frame))
        {
            frame.Clear();
            Interlocked.Increment(ref _receiveUnderflows);
        }
    }

    /// <summary>Queues a frame for the line; dropped (and counted) when the queue is full.</summary>
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        if (!_toLine.TryWrite(frame))
        {
            Interlocked.Increment(ref _transmitOverflows);
        }
    }

    /// <summary>Link side: one received frame; the oldest is dropped first when the port has fallen behind.</summary>
    internal void DeliverFromLine(ReadOnlySpan<short> frame)
    {
        if (!_fromLine.TryWrite(frame))
        {
            Span<short> discard = stackalloc short[AudioFrame.Samples];
            _fromLine.TryRead(discard);
            _fromLine.TryWrite(frame);
        }
    }

    /// <summary>Link side: the next frame to send, or silence.</summary>
    internal void TakeToLine(Span<short> frame)
    {
        if (!_toLine.TryRead(frame))
        {
            frame.Clear();
            Interlocked.Increment(ref _transmitUnderflows);
        }
    }
}
