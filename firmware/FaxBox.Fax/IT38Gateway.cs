namespace FaxBox.Fax;

/// <summary>
/// A T.38 gateway (ITU-T T.38 §7 emitting/receiving gateway): demodulates the audio leg into IFP packets and
/// re-modulates received IFP packets onto the audio leg. Clocked by <see cref="ReceiveAudio"/> every 20 ms.
/// </summary>
public interface IT38Gateway : IDisposable
{
    /// <summary>Raised synchronously for every T.30 frame the gateway relays, either way.</summary>
    event EventHandler<T30FrameEventArgs>? Frame;

    /// <summary>Feeds one 20 ms frame (160 samples) from the audio leg. Also runs the gateway's timers.</summary>
    void ReceiveAudio(ReadOnlySpan<short> frame);

    /// <summary>Fills one 20 ms frame (160 samples) for the audio leg; silence when idle.</summary>
    void TransmitAudio(Span<short> frame);

    /// <summary>Feeds one IFP received on the T.38 leg with its UDPTL sequence number.</summary>
    void ReceiveIfp(ReadOnlySpan<byte> ifp, ushort sequenceNumber);

    /// <summary>
    /// True once the relayed call has ended: DCN seen in either direction, the watchdog fired, or <see cref="Abort"/>.
    /// The native library gives no end-of-call signal itself; the gateway watches the relayed T.30 frames.
    /// </summary>
    bool IsComplete { get; }

    /// <summary>True when the watchdog ended the relay.</summary>
    bool WatchdogFired { get; }

    /// <summary>Simulated time fed so far.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>Rate, ECM and pages relayed so far.</summary>
    T38GatewayStatistics GetStatistics();

    /// <summary>Counters of IFP packets sent and received.</summary>
    IfpCounters Packets { get; }

    /// <summary>Marks the relay ended (for example on SIP BYE).</summary>
    void Abort();
}

/// <summary>What a T.38 gateway reports about the relayed fax.</summary>
public readonly record struct T38GatewayStatistics(int BitRate, bool Ecm, int PagesTransferred);
