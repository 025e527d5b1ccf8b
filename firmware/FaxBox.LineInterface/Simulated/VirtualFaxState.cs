namespace FaxBox.LineInterface.Simulated;

/// <summary>Where a virtual fax machine is in its call.</summary>
public enum VirtualFaxState
{
    /// <summary>On-hook, waiting for a call or for <see cref="VirtualFaxMachine.Call"/>.</summary>
    Idle,

    /// <summary>Off-hook, listening for dial tone.</summary>
    WaitingForDialTone,

    /// <summary>Dialling.</summary>
    Dialling,

    /// <summary>The T.30 session runs.</summary>
    InCall,

    /// <summary>Hung up; see <see cref="VirtualFaxMachine.Result"/> and <see cref="VirtualFaxMachine.EndReason"/>.</summary>
    Finished,
}
