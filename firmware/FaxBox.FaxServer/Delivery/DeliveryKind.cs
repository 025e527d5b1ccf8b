namespace FaxBox.FaxServer.Delivery;

/// <summary>How a received fax is delivered.</summary>
public enum DeliveryKind
{
    /// <summary>An e-mail to one recipient.</summary>
    Email,

    /// <summary>A signed JSON POST to a URL.</summary>
    Webhook,
}
