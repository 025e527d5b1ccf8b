using FaxBox.FaxServer.Routing;

namespace FaxBox.FaxServer.Delivery;

/// <summary>One delivery of one received fax, as kept in the fax's metadata sidecar (so it survives restarts).</summary>
/// <param name="Kind">E-mail or webhook.</param>
/// <param name="Target">The recipient address or the URL.</param>
/// <param name="Format">The e-mail attachment format (PDF for a webhook).</param>
/// <param name="IncludePdf">For a webhook: whether the PDF goes in the JSON.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttempt">When the next attempt is due (null once delivered).</param>
/// <param name="DeliveredAt">When it was delivered, or null while pending.</param>
/// <param name="LastError">The last attempt's error, in words (server reply, status code).</param>
public sealed record DeliveryState(
    DeliveryKind Kind,
    string Target,
    FaxAttachmentFormat Format,
    bool IncludePdf,
    int Attempts,
    DateTimeOffset? NextAttempt,
    DateTimeOffset? DeliveredAt,
    string? LastError)
{
    /// <summary>Whether it still has to be delivered.</summary>
    public bool IsPending => DeliveredAt is null;
}
