using FaxBox.Sip.Messages;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Calls;

/// <summary>One request the box sent (after any 401/407 rounds), its final response, transaction and destination.</summary>
internal sealed record SipExchange(SipRequest Request, SipResponse Response, SipClientTransaction Transaction, SipEndPoint Destination)
{
    /// <summary>True when no response came at all (Timer B/F, transport error): a synthesized 408/503.</summary>
    public bool NoResponse => Transaction.TimedOut;
}
