using System.Globalization;
using System.Text;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Routing;
using MimeKit;

namespace FaxBox.FaxServer.Delivery;

/// <summary>
/// The e-mail for a received fax (RFC 5322 + MIME): subject and text body with the sender, pages, time and number, and
/// the document attached as PDF or TIFF.
/// </summary>
internal static class FaxEmail
{
    /// <summary>The header that carries the inbox id, for mail rules and support.</summary>
    public const string IdHeader = "X-FaxBox-Id";

    /// <summary>Composes the message for <paramref name="recipient"/>.</summary>
    public static MimeMessage Compose(ReceivedFax fax, string from, string recipient, FaxAttachmentFormat format, string tiffPath, string? pdfPath)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = Subject(fax);
        message.Date = fax.Ended ?? fax.Offered;
        message.Headers.Add(IdHeader, fax.Id);

        var body = new BodyBuilder { TextBody = Body(fax) };
        string name = $"fax-{fax.Id}";
        if (format == FaxAttachmentFormat.Pdf)
        {
            string pdf = pdfPath ?? throw new ArgumentException("a PDF attachment needs the PDF", nameof(pdfPath));
            body.Attachments.Add(name + ".pdf", File.ReadAllBytes(pdf), new ContentType("application", "pdf"));
        }
        else
        {
            body.Attachments.Add(name + ".tif", File.ReadAllBytes(tiffPath), new ContentType("image", "tiff"));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>"Fax from +49 30 1234 (3 pages)", with "incomplete" when pages are missing.</summary>
    public static string Subject(ReceivedFax fax)
    {
        string pages = fax.Pages == 1 ? "1 page" : $"{fax.Pages} pages";
        string sender = fax.CallerName is { Length: > 0 } name ? $"{name} <{fax.Sender}>" : fax.Sender;
        return fax.Success ? $"Fax from {sender} ({pages})" : $"Fax from {sender} ({pages}, incomplete)";
    }

    private static string Body(ReceivedFax fax)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"A fax arrived for {fax.CalledNumber}{(fax.SubAddress is { } sub ? $" (sub-address {sub})" : string.Empty)}.");
        text.AppendLine();
        text.AppendLine(inv, $"From:      {fax.CallerNumber ?? "unknown"}{(fax.CallerName is { } n ? $" ({n})" : string.Empty)}");
        text.AppendLine(inv, $"Sender ID: {fax.RemoteIdent ?? "none"}");
        text.AppendLine(inv, $"To:        {fax.CalledNumber}");
        text.AppendLine(inv, $"Pages:     {fax.Pages}");
        text.AppendLine(inv, $"Received:  {(fax.Ended ?? fax.Offered).UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        text.AppendLine(inv, $"Result:    {fax.Result}");
        if (!fax.Success)
        {
            text.AppendLine();
            text.AppendLine("The call ended before the whole fax arrived: the pages that arrived completely are attached.");
        }

        text.AppendLine();
        text.AppendLine(inv, $"Inbox id:  {fax.Id} (folder {fax.Folder})");
        return text.ToString();
    }
}
