namespace FaxBox.CallControl.Terminals;

/// <summary>Where a terminal call is.</summary>
internal enum TerminalCallState
{
    /// <summary>The box's INVITE is out, or an incoming INVITE is being answered.</summary>
    Calling,

    /// <summary>Connected; the fax terminal runs.</summary>
    Connected,

    /// <summary>T.30 ended or the far end hung up; media drains briefly before the release.</summary>
    Ending,

    /// <summary>Released; the outcome was handed over and the media freed.</summary>
    Done,
}
