using System.Net.Http.Headers;
using System.Text.Json;
using FaxBox.FaxServer.Inbox;

namespace FaxBox.FaxServer.Delivery;

/// <summary>
/// POSTs a received fax's metadata as JSON (and optionally the PDF, base64) to a URL, signed with
/// <see cref="WebhookSignature"/>. Any 2xx answer means delivered.
/// </summary>
internal sealed class WebhookDelivery : IFaxDeliveryTransport, IDisposable
{
    private readonly WebhookOptions _options;
    private readonly HttpClient _http;

    /// <summary>Creates the transport.</summary>
    public WebhookDelivery(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Secret is not { Length: >= 16 })
        {
            throw new ArgumentException("faxServer.webhook.secret: a webhook needs a secret of at least 16 characters", nameof(options));
        }

        _options = options;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = options.Timeout };
    }

    /// <inheritdoc/>
    public DeliveryKind Kind => DeliveryKind.Webhook;

    /// <summary>The JSON body for <paramref name="fax"/>.</summary>
    public static byte[] Payload(ReceivedFax fax, string? pdfPath)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", "fax.received");
            json.WriteString("id", fax.Id);
            json.WriteString("folder", fax.Folder);
            json.WriteString("calledNumber", fax.CalledNumber);
            WriteOptional(json, "callerNumber", fax.CallerNumber);
            WriteOptional(json, "callerName", fax.CallerName);
            WriteOptional(json, "subAddress", fax.SubAddress);
            WriteOptional(json, "remoteIdent", fax.RemoteIdent);
            json.WriteString("via", fax.Via);
            json.WriteNumber("pages", fax.Pages);
            json.WriteBoolean("success", fax.Success);
            json.WriteString("result", fax.Result);
            json.WriteString("offered", fax.Offered);
            if (fax.Ended is { } ended)
            {
                json.WriteString("ended", ended);
            }

            if (pdfPath is not null)
            {
                json.WriteBase64String("pdf", File.ReadAllBytes(pdfPath));
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <inheritdoc/>
    public async Task DeliverAsync(ReceivedFax fax, DeliveryState delivery, string tiffPath, string? pdfPath, CancellationToken cancellationToken)
    {
        byte[] body = Payload(fax, delivery.IncludePdf ? pdfPath ?? throw new ArgumentException("the webhook wants the PDF", nameof(pdfPath)) : null);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookOptions.SignatureHeader, WebhookSignature.Compute(_options.Secret!, body));
        request.Headers.Add(FaxEmail.IdHeader, fax.Id);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new DeliveryException($"webhook {Redacted(delivery.Target)}: {(ex is TaskCanceledException ? $"no answer within {_options.Timeout.TotalSeconds:0} s" : ex.Message)}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new DeliveryException($"webhook {Redacted(delivery.Target)}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    /// <summary>The URL without its query (which may carry a token), for logs and errors.</summary>
    internal static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) ? uri.GetLeftPart(UriPartial.Path) : "(invalid URL)";

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
