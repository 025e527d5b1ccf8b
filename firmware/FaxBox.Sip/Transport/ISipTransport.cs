using System.Net;

namespace FaxBox.Sip.Transport;

/// <summary>
/// One listening SIP transport (UDP socket, TCP or TLS listener with its connections). Sends serialized messages and
/// hands every received message to its handler. The seam between the transaction layer and the network; tests
/// swap in an in-memory transport.
/// </summary>
public interface ISipTransport : IAsyncDisposable
{
    SipTransportProtocol Protocol { get; }

    /// <summary>Where this transport listens (the port is the real one after binding port 0).</summary>
    SipEndPoint LocalEndPoint { get; }

    /// <summary>Starts reading; every message goes to <paramref name="handler"/>. Call once.</summary>
    void Start(ISipMessageHandler handler);

    /// <summary>
    /// Sends one serialized message to <paramref name="remote"/>; over TCP/TLS reuses a connection to that peer or opens
    /// one. Throws <see cref="SipTransportException"/> when the message cannot be sent (the transaction reports a
    /// transport error, RFC 3261 §17.1.4).
    /// </summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, IPEndPoint remote, CancellationToken cancellationToken);
}
