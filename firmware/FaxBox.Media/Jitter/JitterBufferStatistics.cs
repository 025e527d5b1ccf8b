namespace FaxBox.Media.Jitter;

/// <summary>Counters of a jitter buffer, for the per-call quality record.</summary>
public sealed class JitterBufferStatistics
{
    /// <summary>Frames played out.</summary>
    public long Frames { get; internal set; }

    /// <summary>Samples played that no packet delivered (silence in the fax buffer, concealment in the voice buffer).</summary>
    public long MissingSamples { get; internal set; }

    /// <summary>Packets that arrived after their play-out time (dropped).</summary>
    public long LatePackets { get; internal set; }

    /// <summary>Packets too far ahead to fit (dropped; the buffer re-centres).</summary>
    public long OverflowPackets { get; internal set; }

    /// <summary>Samples removed to follow a faster sender clock or shrink the delay (only in silence).</summary>
    public long SamplesDropped { get; internal set; }

    /// <summary>Samples inserted to follow a slower sender clock or grow the delay (only in silence).</summary>
    public long SamplesInserted { get; internal set; }

    /// <summary>Current play-out delay: how far the newest received sample is ahead of play-out, in samples.</summary>
    public int BufferedSamples { get; internal set; }
}
