namespace FaxBox.CallControl.Configuration;

/// <summary>One line port of the board as the gateway uses it (JSON <c>ports[n]</c>).</summary>
public sealed class PortSettings
{
    /// <summary>The board's port index. Required.</summary>
    public int Port { get; set; } = -1;

    /// <summary>The SIP account the port calls through and receives on. Required.</summary>
    public string Account { get; set; } = string.Empty;

    /// <summary>
    /// The port's own number: FXS, the number that rings it (the Request-URI user of an incoming INVITE); FXO, the PSTN
    /// line's number (shown as the caller towards SIP when the PSTN gives no caller ID). Default none.
    /// </summary>
    public string? Number { get; set; }

    /// <summary>FXS: the caller-ID name sent with outgoing calls. Default none.</summary>
    public string? DisplayName { get; set; }

    /// <summary>
    /// FXO: where an incoming PSTN call goes (a number dialled through the port's account, or a SIP URI). Required for
    /// FXO ports that take calls.
    /// </summary>
    public string? InboundDestination { get; set; }

    /// <summary>FXO: how many rings before the port answers the PSTN. Default 2 (caller ID arrives after the first).</summary>
    public int AnswerAfterRings { get; set; } = 2;

    /// <summary>FXS: the dial plan; null uses the gateway's. Default null.</summary>
    public DialPlanOptions? DialPlan { get; set; }

    /// <summary>Fax settings for calls on this port; null uses the gateway's. Default null.</summary>
    public FaxOptions? Fax { get; set; }

    /// <summary>
    /// FXS store-and-forward: the box answers the fax machine's outgoing fax itself as a fax terminal, stores the
    /// document and delivers it as a queued job with the retry ladder. Default false (relay the call live).
    /// </summary>
    public bool StoreAndForward { get; set; }

    /// <summary>Whether the port takes and places calls. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
