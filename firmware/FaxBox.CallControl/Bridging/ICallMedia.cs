using System.Net;
using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using FaxBox.LineInterface;
using FaxBox.Sip.Sdp;

namespace FaxBox.CallControl.Bridging;

/// <summary>
/// The media side of one call, as call control drives it: the line's audio (it is the port's <see cref="ILineAudio"/>,
/// so the port clocks it once per 20 ms media tick) joined to the network as G.711 over RTP or T.38 over UDPTL.
/// Its sockets are bound when it is made, so their ports can go into SDP before the mode is known.
/// The mode methods are thread-safe and take effect at the next frame; everything else happens on the media thread,
/// with no allocation and no blocking per frame.
/// </summary>
public interface ICallMedia : ILineAudio, IDisposable
{
    /// <summary>The local RTP address and port (what SDP's audio m-line announces).</summary>
    IPEndPoint AudioEndPoint { get; }

    /// <summary>The local UDPTL address and port (what SDP's image m-line announces).</summary>
    IPEndPoint ImageEndPoint { get; }

    /// <summary>The mode in force at the last frame.</summary>
    CallMediaMode Mode { get; }

    /// <summary>
    /// G.711 audio with <paramref name="remote"/>. <paramref name="faxAdapted"/> selects the fax adaptations: a fixed jitter
    /// buffer of <see cref="FaxOptions.G711JitterBuffer"/>, no silence suppression, no echo canceller, no comfort noise.
    /// Otherwise voice: the adaptive jitter buffer. <paramref name="telephoneEventPayloadType"/> is -1 when the peer has no
    /// RFC 4733 events.
    /// </summary>
    void UseAudio(IPEndPoint remote, int payloadType, int telephoneEventPayloadType, bool faxAdapted);

    /// <summary>T.38 relay with <paramref name="remote"/> using the negotiated <paramref name="session"/>: the engine's T.38 gateway on the line side, UDPTL with the configured redundancy on the network side.</summary>
    void UseT38(IPEndPoint remote, T38Session session);

    /// <summary>No media: the line hears silence, nothing is sent (call on hold, or ending).</summary>
    void Stop();

    /// <summary>
    /// Raised on the media thread (inside <see cref="ILineAudio.Exchange"/>) when a fax tone starts: CNG, CED/ANS and its
    /// variants, or the V.21 preamble, heard from the line (<see cref="FaxToneEvent.FromLine"/>) or from the network.
    /// Each tone is reported at most once per direction. Handlers must be quick.
    /// </summary>
    event EventHandler<FaxToneEvent>? FaxToneDetected;

    /// <summary>
    /// Raised on the media thread at each step of the relayed or passed-through T.30 session (first DCS, each confirmed
    /// page, DCN), as far as the media can see it. Handlers must be quick.
    /// </summary>
    event EventHandler<Records.T30Progress>? FaxProgress;

    /// <summary>
    /// True once a relayed or passed-through T.30 session has ended (DCN seen, either way) and, in T.38 mode, the gateway
    /// has also played it out to the line (about 3 s later), so hanging up now cuts nothing off.
    /// </summary>
    bool FaxComplete { get; }

    /// <summary>A consistent snapshot of the call's media statistics; safe from any thread.</summary>
    CallMediaStatistics GetStatistics();
}
