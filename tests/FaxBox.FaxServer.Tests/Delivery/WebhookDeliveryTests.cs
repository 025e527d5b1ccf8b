using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using FaxBox.FaxServer.Delivery;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Routing;
using FaxBox.FaxServer.Tests.Inbox;

namespace FaxBox.FaxServer.Tests.Delivery;

/// <summary>Webhook delivery to an HttpListener on 127.0.0.1, with the HMAC-SHA256 signature checked.</summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "a-shared-secret-of-some-length";

    [Fact]
    public async Task AFaxIsPostedSignedAndRetriedUntilTheReceiverAnswers2xx()
    {
        using var dir = new TempFolder();
        int port = Aiosmtpd.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var requests = Channel.CreateUnbounded<(string? Signature, byte[] Body, string? Id)>();
        int statusOfFirst = 503;
        Task serve = Task.Run(async () =>
        {
            for (int i = 0; i < 2; i++)
            {
                HttpListenerContext context = await listener.GetContextAsync();
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                await requests.Writer.WriteAsync((context.Request.Headers[WebhookOptions.SignatureHeader], body.ToArray(), context.Request.Headers[FaxEmail.IdHeader]));
                context.Response.StatusCode = i == 0 ? statusOfFirst : 204;
                context.Response.Close();
            }
        });

        var routing = new InboundRoutingOptions
        {
            Rules = [new() { SubAddress = "9", Folder = "hooked", Webhook = $"http://127.0.0.1:{port}/hook/fax?token=t0k3n", WebhookIncludesPdf = true }],
        };
        await using var h = new InboxHarness(dir.Path, routing, [new WebhookDelivery(new WebhookOptions { Secret = Secret, Timeout = TimeSpan.FromSeconds(10) })]);
        await h.Inbox.StartAsync(CancellationToken.None);
        string id = InboxHarness.Receive(h.Inbox, InboxHarness.Call(), 1, subAddress: "9");

        ReceivedFax failed = await h.DeliveryUntilAsync(f => f.Deliveries[0].LastError is not null);
        Assert.Equal($"webhook http://127.0.0.1:{port}/hook/fax: HTTP 503 Service Unavailable", failed.Deliveries[0].LastError);
        ReceivedFax delivered = await h.DeliveryUntilAsync(f => !f.HasPendingDeliveries);
        Assert.Equal(2, delivered.Deliveries[0].Attempts);
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        for (int i = 0; i < 2; i++)
        {
            (string? signature, byte[] body, string? header) = await requests.Reader.ReadAsync();
            Assert.True(WebhookSignature.Verify(Secret, body, signature), signature);
            Assert.False(WebhookSignature.Verify("another-secret-of-some-length", body, signature));
            Assert.Equal(id, header);
            using var json = JsonDocument.Parse(body);
            JsonElement root = json.RootElement;
            Assert.Equal(("fax.received", id, "hooked", "9", 1), (root.GetProperty("event").GetString(), root.GetProperty("id").GetString(), root.GetProperty("folder").GetString(), root.GetProperty("subAddress").GetString(), root.GetProperty("pages").GetInt32()));
            Assert.Equal("%PDF-", Encoding.ASCII.GetString(root.GetProperty("pdf").GetBytesFromBase64().AsSpan(0, 5)));
        }
    }

    [Fact]
    public void TheSignatureIsTheHexHmacSha256OfTheBody()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        Assert.Equal(
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            WebhookSignature.Compute("Jefe", "what do ya want for nothing?"u8));
        Assert.False(WebhookSignature.Verify("Jefe", "what do ya want for nothing!"u8, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        Assert.False(WebhookSignature.Verify("Jefe", "x"u8, null));
    }

    [Fact]
    public void AWebhookWithoutASecretIsRefusedAtStart()
    {
        Assert.Contains("faxServer.webhook.secret", Assert.Throws<ArgumentException>(() => new WebhookDelivery(new WebhookOptions { Secret = "short" })).Message, StringComparison.Ordinal);
        var routing = new InboundRoutingOptions { Default = new() { Webhook = "https://example.com/fax" } };
        var ex = Assert.Throws<InboundRoutingException>(() => new FaxBox.FaxServer.Inbox.Inbox(
            new InboxOptions(), InboundRouter.Create(routing), new SmtpOptions(), new WebhookOptions(), new DeliveryRetryOptions(), TimeProvider.System, new ListLogger()));
        Assert.Equal("faxServer.routing.default: the route calls a webhook but faxServer.webhook.secret is not set", ex.Message);
    }
}
