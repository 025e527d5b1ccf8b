namespace FaxBox.CallControl.Terminals;

/// <summary>How the box's own fax terminal carries a fax on a SIP call.</summary>
public enum FaxTransport
{
    /// <summary>T.38 over UDPTL (the call starts as audio and switches by re-INVITE, or is offered T.38 at once).</summary>
    T38,

    /// <summary>G.711 audio with the box's own fax modem (fax-adapted: fixed jitter buffer, no VAD).</summary>
    G711,
}
