using FaxBox.FaxServer.Delivery;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Queue;
using FaxBox.FaxServer.Routing;

namespace FaxBox.FaxServer;

/// <summary>The fax server (JSON <c>faxServer</c>): documents, the outbox queue and its retry ladder, the inbox, routing and delivery.</summary>
public sealed class FaxServerOptions
{
    /// <summary>Whether the box is a fax terminal at all (inbox, outbox, store-and-forward). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How uploaded PDFs, TIFFs and images become fax pages (limits, resolution, Ghostscript).</summary>
    public DocumentIntakeOptions Documents { get; set; } = new();

    /// <summary>How many calls the outbox places at once, per account and in all; the TSI it sends.</summary>
    public JobSchedulerOptions Outbox { get; set; } = new();

    /// <summary>The retry ladder: back-off for busy and no answer, the fax-failure steps.</summary>
    public RetryLadderOptions Retry { get; set; } = new();

    /// <summary>The inbox: free-space floor, retention per folder.</summary>
    public InboxOptions Inbox { get; set; } = new();

    /// <summary>Where received faxes go: rules on called number, sub-address and caller; the default route.</summary>
    public InboundRoutingOptions Routing { get; set; } = new();

    /// <summary>The SMTP server e-mail deliveries and notifications use (none: no e-mail).</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Webhook deliveries: the signing secret.</summary>
    public WebhookOptions Webhook { get; set; } = new();

    /// <summary>Back-off of failed e-mail and webhook deliveries.</summary>
    public DeliveryRetryOptions DeliveryRetry { get; set; } = new();

    /// <summary>
    /// Checks what can be checked without starting: the queue, the retry ladder, SMTP and the routing rules. Throws
    /// <see cref="ArgumentException"/> or <see cref="InboundRoutingException"/> whose message starts with the key.
    /// </summary>
    public void Validate()
    {
        Outbox.Validate();
        Retry.Validate();
        Smtp.Validate();
        _ = InboundRouter.Create(Routing);
    }
}
