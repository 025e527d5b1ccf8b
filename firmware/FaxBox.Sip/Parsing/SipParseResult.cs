using System.Diagnostics.CodeAnalysis;
using FaxBox.Sip.Messages;

namespace FaxBox.Sip.Parsing;

/// <summary>The result of parsing one message: a message or an error, never both.</summary>
public readonly struct SipParseResult
{
    internal SipParseResult(SipMessage? message, SipParseError? error, int consumed)
    {
        Message = message;
        Error = error;
        Consumed = consumed;
    }

    public SipMessage? Message { get; }

    public SipParseError? Error { get; }

    /// <summary>Octets the message occupies (start line to the end of the body); trailing octets of a datagram are ignored (RFC 3261 §18.3).</summary>
    public int Consumed { get; }

    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Message is not null;
}
