namespace FaxBox.Fax;

/// <summary>What audio and T.38 fax terminals have in common: progress, the result and per-call statistics.</summary>
public interface IFaxTerminal : IDisposable
{
    /// <summary>Raised synchronously, inside the frame call, at T.30 phase B (negotiated), D (each page) and E (done).</summary>
    event EventHandler<FaxProgressEventArgs>? Progress;

    /// <summary>Raised synchronously for every T.30 HDLC frame sent or received (for the ladder diagram).</summary>
    event EventHandler<T30FrameEventArgs>? Frame;

    /// <summary>True once phase E has been reached, the watchdog fired, or the call was aborted.</summary>
    bool IsComplete { get; }

    /// <summary>The outcome once <see cref="IsComplete"/>; null before.</summary>
    FaxResult? Result { get; }

    /// <summary>Simulated time fed so far (frames × 20 ms).</summary>
    TimeSpan Elapsed { get; }

    /// <summary>A snapshot of the T.30 transfer statistics now.</summary>
    FaxStatistics GetStatistics();

    /// <summary>Ends the call now (for example on SIP BYE); the result says so if it had not completed.</summary>
    void Abort();
}

/// <summary>A fax terminal on an audio channel: one frame in and one frame out per 20 ms tick.</summary>
public interface IAudioFaxTerminal : IFaxTerminal
{
    /// <summary>Feeds one 20 ms frame (160 samples) heard from the line. Also runs the T.30 timers.</summary>
    void ReceiveAudio(ReadOnlySpan<short> frame);

    /// <summary>Fills one 20 ms frame (160 samples) to send to the line; silence when idle.</summary>
    void TransmitAudio(Span<short> frame);
}

/// <summary>A fax terminal on T.38: ticked every 20 ms and fed IFP packets as they arrive.</summary>
public interface IT38FaxTerminal : IFaxTerminal
{
    /// <summary>Advances the terminal by one 20 ms frame: T.30 timers and paced transmission.</summary>
    void Tick();

    /// <summary>Feeds one received IFP with its UDPTL sequence number (duplicates and late packets are dropped).</summary>
    void ReceiveIfp(ReadOnlySpan<byte> ifp, ushort sequenceNumber);

    /// <summary>Counters of IFP packets sent and received.</summary>
    IfpCounters Packets { get; }
}

/// <summary>Counters of IFP packets crossing a T.38 terminal or gateway.</summary>
public readonly record struct IfpCounters(long Sent, long SentBytes, long Received, long ReceivedBytes);
