namespace FaxBox.Fax.Managed.T30;

/// <summary>Where a managed T.30 terminal is in the procedure (T.30 §5, Figure 5-2; Annex A for ECM).</summary>
internal enum T30State
{
    /// <summary>Sending CNG or CED.</summary>
    Tone,

    /// <summary>Sender, phase B: waiting for DIS (T1).</summary>
    WaitDis,

    /// <summary>Sender: DCS (and TCF) sent, waiting for CFR/FTT (T4).</summary>
    WaitCfr,

    /// <summary>Sender: sending page data or an ECM block.</summary>
    SendImage,

    /// <summary>Sender: post-page command or PPS sent, waiting for MCF/RTN/RTP/PPR/RNR (T4).</summary>
    WaitPostPageResponse,

    /// <summary>Sender: CTC sent, waiting for CTR (T4).</summary>
    WaitCtr,

    /// <summary>Sender: waiting after RNR before sending RR.</summary>
    RnrPause,

    /// <summary>Receiver, phase B: DIS sent, waiting for DCS (T4 to repeat DIS, T1 overall).</summary>
    WaitDcs,

    /// <summary>Receiver: DCS received, waiting for TCF.</summary>
    WaitTcf,

    /// <summary>Receiver, phase C: waiting for page data, ECM frames or a post-page command (T2).</summary>
    ReceiveImage,

    /// <summary>Receiver: EOP confirmed, waiting for DCN (T2).</summary>
    WaitDcn,

    /// <summary>DCN being sent; the call ends when it is out.</summary>
    Disconnecting,

    /// <summary>Phase E reached.</summary>
    Done,
}
