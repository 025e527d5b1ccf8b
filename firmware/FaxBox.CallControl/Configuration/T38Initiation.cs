namespace FaxBox.CallControl.Configuration;

/// <summary>When the box itself re-INVITEs a call to T.38 (JSON <c>fax.t38</c>).</summary>
public enum T38Initiation
{
    /// <summary>Never use T.38: the box never offers it and refuses a peer's T.38 re-INVITE (488); fax runs as G.711 with fax adaptations.</summary>
    Never,

    /// <summary>Re-INVITE when CNG is heard from the line (the calling fax machine is on this port). Early, but some peers dislike it.</summary>
    OnCng,

    /// <summary>
    /// The default: re-INVITE as the answering side, when CED/ANS or the V.21 preamble is heard from the line (the
    /// answering fax machine is on this port). The calling side waits for the peer's re-INVITE.
    /// </summary>
    OnCedOrPreamble,

    /// <summary>Never re-INVITE, but accept the peer's T.38 re-INVITE.</summary>
    AcceptOnly,
}
