namespace FaxBox.Admin.Api;

/// <summary>A received fax as the local API shows it (<c>GET /api/v1/inbox/{id}</c>); never any document content.</summary>
/// <param name="Id">The inbox id.</param>
/// <param name="Folder">The inbox folder its route put it in.</param>
/// <param name="CalledNumber">The number dialled.</param>
/// <param name="Sender">The caller number, else the TSI, else "unknown".</param>
/// <param name="SubAddress">The T.30 sub-address, when given.</param>
/// <param name="Pages">Complete pages stored.</param>
/// <param name="Success">Whether the whole document arrived.</param>
/// <param name="Result">In words.</param>
/// <param name="Received">When the call was offered.</param>
/// <param name="PendingDeliveries">E-mail and webhook deliveries not done yet.</param>
public sealed record InboxItemDto(
    string Id,
    string Folder,
    string CalledNumber,
    string Sender,
    string? SubAddress,
    int Pages,
    bool Success,
    string Result,
    DateTimeOffset Received,
    int PendingDeliveries);
