namespace FaxBox.CallControl.Terminals;

/// <summary>
/// Where the gateway hands faxes that the box receives itself (ARCHITECTURE.md rule 4: CallControl defines it, the fax
/// server implements it). Both calls come from the gateway's signalling or background thread, never the media thread;
/// they must not block for long.
/// </summary>
public interface IInboundFaxSink
{
    /// <summary>
    /// Whether to answer <paramref name="call"/> as a fax terminal: an acceptance, or null to refuse it (the gateway
    /// answers 404 or, for a line port, leaves the call to the port's normal handling).
    /// </summary>
    InboundFaxAcceptance? Offer(InboundFaxCall call);

    /// <summary>The call has ended; the sink owns <see cref="InboundFaxOutcome.ReceivePath"/> from now on.</summary>
    void Completed(InboundFaxCall call, InboundFaxOutcome outcome);
}
