namespace FaxBox.Host.Diagnostics;

/// <summary>The fax path a loopback call takes.</summary>
public enum LoopbackPath
{
    /// <summary>Audio terminal ⇄ audio terminal (the G.711 fallback modem both ends).</summary>
    Audio,

    /// <summary>Audio terminal ⇄ T.38 gateway ⇄ T.38 terminal.</summary>
    GatewayToTerminal,

    /// <summary>T.38 terminal ⇄ T.38 gateway ⇄ audio terminal.</summary>
    TerminalToGateway,

    /// <summary>Audio terminal ⇄ T.38 gateway ⇄ T.38 gateway ⇄ audio terminal (two boxes relaying).</summary>
    GatewayToGateway,
}
