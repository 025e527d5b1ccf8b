namespace FaxBox.Host.Tests.CrashTrials;

/// <summary>Where a kill of a trial box lands: the phases of receiving (box B) and of sending (box A).</summary>
internal enum TrialPhase
{
    /// <summary>B starting: recovering the last life's calls and faxes, before "faxbox: ready".</summary>
    ReceiverStarting,

    /// <summary>B answering a call, before T.30 agreed the parameters (INVITE, T.38 re-INVITE, DIS/DCS, training).</summary>
    ReceiverCallSetUp,

    /// <summary>B after T.30 phase B (DCS/CFR), before any page was confirmed: page data arriving.</summary>
    ReceiverPageData,

    /// <summary>B after a page was confirmed (MCF) and before the call ended: between pages or before DCN.</summary>
    ReceiverAfterPage,

    /// <summary>B after the call ended and before its inbox committed the fax (proven by the next life recovering it).</summary>
    ReceiverInboxWrite,

    /// <summary>B while its webhook delivery of a stored fax is in flight (the post arrived, not yet answered).</summary>
    ReceiverDelivery,

    /// <summary>A placing a call, before T.30 agreed the parameters.</summary>
    SenderCallSetUp,

    /// <summary>A after T.30 phase B, before any page was confirmed: page data going out.</summary>
    SenderPageData,

    /// <summary>A after a page was confirmed (MCF) and before the call ended: between pages or before DCN.</summary>
    SenderAfterPage,

    /// <summary>A after the call ended and before the outbox committed the attempt's end (proven by the next life recovering the job).</summary>
    SenderBookkeeping,
}
