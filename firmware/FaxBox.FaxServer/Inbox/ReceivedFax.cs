using FaxBox.Core.Status;
using FaxBox.FaxServer.Delivery;

namespace FaxBox.FaxServer.Inbox;

/// <summary>
/// One received fax as kept in its metadata sidecar (<c>&lt;data&gt;/inbox/&lt;folder&gt;/&lt;id&gt;.json</c>, beside
/// <c>&lt;id&gt;.tif</c>). Never holds document content.
/// </summary>
/// <param name="Id">The inbox id (time-ordered: UTC time of the offer and a random suffix).</param>
/// <param name="Folder">The inbox folder ("incoming" while receiving).</param>
/// <param name="CallId">The SIP Call-ID (or the line port's call id).</param>
/// <param name="CalledNumber">The number dialled.</param>
/// <param name="CallerNumber">The caller's number, when known.</param>
/// <param name="CallerName">The caller's display name, when known.</param>
/// <param name="Via">The SIP account or line port it came through.</param>
/// <param name="SubAddress">The T.30 sub-address, when the sender gave one.</param>
/// <param name="RemoteIdent">The sender's TSI, when it said one.</param>
/// <param name="Pages">Complete pages stored (0: no document).</param>
/// <param name="Success">True when the T.30 session ended normally and every page is here.</param>
/// <param name="Result">In words: "ok", "call dropped on page 3", "recovered after restart".</param>
/// <param name="Offered">When the call was offered.</param>
/// <param name="Ended">When the call ended (null while receiving, or when recovered after a crash).</param>
/// <param name="RuleIndex">The routing rule that matched (null: the default route).</param>
/// <param name="Record">The gateway's fax record, when the call ended normally.</param>
/// <param name="Deliveries">The e-mail and webhook deliveries, pending or done.</param>
public sealed record ReceivedFax(
    string Id,
    string Folder,
    string CallId,
    string CalledNumber,
    string? CallerNumber,
    string? CallerName,
    string Via,
    string? SubAddress,
    string? RemoteIdent,
    int Pages,
    bool Success,
    string Result,
    DateTimeOffset Offered,
    DateTimeOffset? Ended,
    int? RuleIndex,
    FaxRecord? Record,
    IReadOnlyList<DeliveryState> Deliveries)
{
    /// <summary>The sender as people read it: caller number, else TSI, else "unknown".</summary>
    public string Sender => CallerNumber ?? RemoteIdent ?? "unknown";

    /// <summary>Whether some delivery is still to be made.</summary>
    public bool HasPendingDeliveries => Deliveries.Any(d => d.IsPending);
}
