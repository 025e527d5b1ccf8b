namespace FaxBox.Fax.Managed.T30;

/// <summary>How a managed T.30 call ended (<see cref="FaxResult.T30Code"/>; 0 is success). Texts in <see cref="T30CompletionText"/>.</summary>
internal enum T30CompletionCode
{
    /// <summary>All pages sent and confirmed / received, DCN exchanged.</summary>
    Ok = 0,

    /// <summary>T1 expired: no DIS (sender) or no DCS (receiver) from the far end (T.30 §5.4.3.1).</summary>
    T1Expired = 1,

    /// <summary>T2 expired waiting for the next page or command (T.30 §5.4.3.2).</summary>
    T2Expired = 2,

    /// <summary>No response to a command after three tries (T4, T.30 §5.4.3.4).</summary>
    NoResponse = 3,

    /// <summary>FTT at the lowest rate both ends have: training failed.</summary>
    CannotTrain = 4,

    /// <summary>The far end cannot take what is to be sent (resolution, width, compression).</summary>
    Incompatible = 5,

    /// <summary>The receiver rejected a page (RTN) three times.</summary>
    PageRejected = 6,

    /// <summary>ECM: a block could not be corrected (four PPRs at the lowest rate).</summary>
    EcmFailed = 7,

    /// <summary>The far end disconnected (DCN) before the end of the procedure.</summary>
    UnexpectedDcn = 8,

    /// <summary>The document could not be read or written.</summary>
    DocumentError = 9,

    /// <summary>A response or command that does not fit the procedure.</summary>
    Unexpected = 10,
}
