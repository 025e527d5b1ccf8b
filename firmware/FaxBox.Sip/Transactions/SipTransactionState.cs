namespace FaxBox.Sip.Transactions;

/// <summary>The states of the RFC 3261 §17 transaction machines (with "Accepted" from RFC 6026 §7.1 and §8.4).</summary>
public enum SipTransactionState
{
    /// <summary>INVITE client: request sent, nothing heard (§17.1.1.2).</summary>
    Calling,

    /// <summary>Non-INVITE client and server: request sent or received, no response yet (§17.1.2.2, §17.2.2).</summary>
    Trying,

    /// <summary>A provisional response received or sent.</summary>
    Proceeding,

    /// <summary>A final non-2xx (or, non-INVITE, any final) response: absorbing retransmissions.</summary>
    Completed,

    /// <summary>INVITE server: ACK for a non-2xx received (§17.2.1, Timer I).</summary>
    Confirmed,

    /// <summary>INVITE with a 2xx (RFC 6026): 2xx retransmitted (server) or passed up again (client) until Timer L/M.</summary>
    Accepted,

    /// <summary>Done; removed from the layer.</summary>
    Terminated,
}
