namespace FaxBox.Core.Status;

/// <summary>Which side of a fax call sent a T.30 frame: the two lanes of a ladder diagram.</summary>
public enum T30FrameOrigin
{
    /// <summary>
    /// The box's side: for a relayed call the fax machine or line on the box's port (FXS/FXO), for a terminal call the box's
    /// own fax terminal.
    /// </summary>
    Local,

    /// <summary>The far end over SIP (the T.38 or G.711 peer).</summary>
    Remote,
}
