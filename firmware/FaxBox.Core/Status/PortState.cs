namespace FaxBox.Core.Status;

/// <summary>Where a port's call stands, as presenters show it.</summary>
public enum PortState
{
    /// <summary>On-hook, no call.</summary>
    Idle,

    /// <summary>FXS: off-hook with dial tone or collecting digits.</summary>
    Dialling,

    /// <summary>An outgoing call is being set up (INVITE sent, or FXO dialling the PSTN).</summary>
    Calling,

    /// <summary>An incoming call is ringing the port (FXS) or the PSTN line rings (FXO).</summary>
    Ringing,

    /// <summary>A voice call is connected.</summary>
    Connected,

    /// <summary>A fax is in progress (detected, relayed over T.38 or G.711).</summary>
    Fax,

    /// <summary>The call failed or the far end cleared; the port plays a tone until the terminal hangs up.</summary>
    Clearing,

    /// <summary>The port failed its self-test or its hardware faulted.</summary>
    Fault,
}
