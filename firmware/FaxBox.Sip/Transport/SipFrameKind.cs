namespace FaxBox.Sip.Transport;

/// <summary>What <see cref="SipStreamFramer"/> found at the start of a stream buffer.</summary>
internal enum SipFrameKind
{
    /// <summary>Not enough bytes yet; read more.</summary>
    NeedMore,

    /// <summary>One whole SIP message of <see cref="SipFrame.Length"/> bytes.</summary>
    Message,

    /// <summary>The CRLFCRLF keep-alive "ping" (RFC 5626 §3.5.1): answer with CRLF.</summary>
    Ping,

    /// <summary>A CRLF "pong" (RFC 5626 §3.5.1), or a stray CRLF before a start line (RFC 3261 §7.5): skip it.</summary>
    Pong,

    /// <summary>The stream cannot be framed (see <see cref="SipFrame.Error"/>); the connection must be closed.</summary>
    Error,
}
