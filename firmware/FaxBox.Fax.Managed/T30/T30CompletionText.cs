namespace FaxBox.Fax.Managed.T30;

/// <summary>The words for each <see cref="T30CompletionCode"/>.</summary>
internal static class T30CompletionText
{
    /// <summary>The default text of <paramref name="code"/>.</summary>
    public static string Of(T30CompletionCode code) => code switch
    {
        T30CompletionCode.Ok => "OK",
        T30CompletionCode.T1Expired => "T1 expired: the far end never negotiated (no DIS/DCS)",
        T30CompletionCode.T2Expired => "T2 expired waiting for the far end",
        T30CompletionCode.NoResponse => "no response to a command after 3 tries (T4)",
        T30CompletionCode.CannotTrain => "failure to train at every rate (FTT at the lowest rate)",
        T30CompletionCode.Incompatible => "the far end cannot receive this document",
        T30CompletionCode.PageRejected => "the receiver rejected a page 3 times (RTN)",
        T30CompletionCode.EcmFailed => "ECM block could not be corrected after 4 PPRs at the lowest rate",
        T30CompletionCode.UnexpectedDcn => "the far end disconnected (DCN) before the end",
        T30CompletionCode.DocumentError => "document error",
        _ => "unexpected T.30 frame",
    };
}
