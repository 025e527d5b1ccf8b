namespace FaxBox.Sip.Transport;

/// <summary>
/// The bytes of exactly one received SIP message (datagram, or one Content-Length framed message of a stream),
/// with the hop it arrived on. The transaction layer parses it; for requests it adds Via "received"/"rport" (RFC 3581)
/// from <see cref="Remote"/>, and responses go back over the same connection for TCP/TLS.
/// </summary>
public sealed record SipTransportMessage(ReadOnlyMemory<byte> Data, SipEndPoint Remote, SipEndPoint Local);
