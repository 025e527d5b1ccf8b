using FaxBox.FaxServer.Inbox;

namespace FaxBox.FaxServer.Delivery;

/// <summary>Delivers one received fax one way (e-mail, webhook). Throws <see cref="DeliveryException"/> when it fails.</summary>
internal interface IFaxDeliveryTransport
{
    /// <summary>The kind of delivery it makes.</summary>
    DeliveryKind Kind { get; }

    /// <summary>Delivers <paramref name="fax"/> to <paramref name="delivery"/>'s target.</summary>
    /// <param name="fax">The fax's metadata.</param>
    /// <param name="delivery">The delivery.</param>
    /// <param name="tiffPath">The stored TIFF.</param>
    /// <param name="pdfPath">The PDF made from it, when a delivery needs one.</param>
    /// <param name="cancellationToken">Cancelled when the box stops.</param>
    Task DeliverAsync(ReceivedFax fax, DeliveryState delivery, string tiffPath, string? pdfPath, CancellationToken cancellationToken);
}
