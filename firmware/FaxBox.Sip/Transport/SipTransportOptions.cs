namespace FaxBox.Sip.Transport;

/// <summary>
/// Limits and timers of the SIP transports (RFC 3261 §18), bound from <c>FaxBox:Sip:Transport</c>. Every limit bounds
/// memory per connection or per datagram so a hostile or broken peer cannot make the box allocate without end.
/// </summary>
public sealed class SipTransportOptions
{
    /// <summary>
    /// Largest whole message (headers and body) accepted or sent, in bytes. Default 65,535: the largest UDP payload
    /// a SIP message can use, and far above any fax call's INVITE with T.38 SDP.
    /// </summary>
    public int MaxMessageSize { get; set; } = 65_535;

    /// <summary>
    /// Largest header section (start line through the empty line) scanned on a stream before the Content-Length must
    /// be known, in bytes. Default 16,384.
    /// </summary>
    public int MaxHeaderSize { get; set; } = 16_384;

    /// <summary>Most TCP/TLS connections open at once, accepted and opened together; more are refused. Default 256.</summary>
    public int MaxConnections { get; set; } = 256;

    /// <summary>How long opening a TCP connection (and the TLS handshake) may take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A TCP/TLS connection that carried no SIP message either way for this long is closed (keep-alives do not count).
    /// Default 10 min; <see cref="Timeout.InfiniteTimeSpan"/> keeps connections until the peer closes them.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Interval of the CRLFCRLF "ping" (RFC 5626 §3.5.1) on connections this box opened. Default 30 s;
    /// <see cref="Timeout.InfiniteTimeSpan"/> or zero turns the pings off.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a ping, the peer must send something (the CRLF "pong" or any message) within this time or the connection is
    /// taken as dead and closed (RFC 5626 §4.4.1 suggests 10 s). Default 10 s.
    /// </summary>
    public TimeSpan KeepAlivePongTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (MaxMessageSize is < 512 or > 1_048_576)
        {
            throw new ArgumentException($"FaxBox:Sip:Transport:MaxMessageSize must be 512..1048576 bytes, not {MaxMessageSize}");
        }

        if (MaxHeaderSize < 256 || MaxHeaderSize > MaxMessageSize)
        {
            throw new ArgumentException($"FaxBox:Sip:Transport:MaxHeaderSize must be 256..MaxMessageSize ({MaxMessageSize}), not {MaxHeaderSize}");
        }

        if (MaxConnections < 1)
        {
            throw new ArgumentException($"FaxBox:Sip:Transport:MaxConnections must be at least 1, not {MaxConnections}");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"FaxBox:Sip:Transport:ConnectTimeout must be positive, not {ConnectTimeout}");
        }

        if (KeepAlivePongTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"FaxBox:Sip:Transport:KeepAlivePongTimeout must be positive, not {KeepAlivePongTimeout}");
        }
    }

    internal bool KeepAliveEnabled => KeepAliveInterval > TimeSpan.Zero && KeepAliveInterval != Timeout.InfiniteTimeSpan;

    internal bool IdleCloseEnabled => IdleTimeout > TimeSpan.Zero && IdleTimeout != Timeout.InfiniteTimeSpan;
}
