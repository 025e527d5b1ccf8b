using FaxBox.FaxServer.Delivery;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Routing;
using FaxBox.FaxServer.Tests.Inbox;
using MimeKit;

namespace FaxBox.FaxServer.Tests.Delivery;

/// <summary>E-mail delivery through MailKit to Debian's python3-aiosmtpd on 127.0.0.1.</summary>
public sealed class EmailDeliveryTests(SelfSignedCertificate certificate) : IClassFixture<SelfSignedCertificate>
{
    private static InboundRoutingOptions Routing(FaxAttachmentFormat format) => new()
    {
        Rules = [new() { CalledNumber = "4930123", Folder = "sales", Email = ["sales@example.com", "Boss <boss@example.com>"], EmailFormat = format }],
    };

    [Theory]
    [InlineData("plain", false)]
    [InlineData("plain", true)]
    [InlineData("starttls", true)]
    [InlineData("tls", true)]
    public async Task AFaxIsMailedAsAPdfThatMatchesTheReceivedTiffPageByPage(string mode, bool auth)
    {
        using var dir = new TempFolder();
        string? passwordFile = auth ? dir.File("password") : null;
        if (passwordFile is not null)
        {
            await File.WriteAllTextAsync(passwordFile, "s3cret");
        }

        await using var server = await Aiosmtpd.StartAsync(dir, mode, Aiosmtpd.FreePort(), certificate, passwordFile);
        var smtp = Smtp(mode, server.Port, auth ? "s3cret" : null);
        await using var h = new InboxHarness(dir.Path, Routing(FaxAttachmentFormat.Pdf), [new EmailDelivery(smtp)]);
        await h.Inbox.StartAsync(CancellationToken.None);
        string id = InboxHarness.Receive(h.Inbox, InboxHarness.Call(), 2);

        ReceivedFax fax = await h.DeliveryUntilAsync(f => !f.HasPendingDeliveries);
        Assert.All(fax.Deliveries, d => Assert.Equal((1, (string?)null), (d.Attempts, d.LastError)));
        List<MimeMessage> messages = server.Messages();
        Assert.Equal(2, messages.Count);
        Assert.Equal(["sales@example.com", "boss@example.com"], messages.Select(m => m.To.Mailboxes.Single().Address));
        foreach (MimeMessage message in messages)
        {
            Assert.Equal("Fax from Sender GmbH <4940999> (2 pages)", message.Subject);
            Assert.Equal("faxbox@example.com", message.From.Mailboxes.Single().Address);
            Assert.Equal(id, message.Headers[FaxEmail.IdHeader]);
            string body = message.TextBody ?? string.Empty;
            Assert.Contains("A fax arrived for 4930123.", body, StringComparison.Ordinal);
            Assert.Contains("From:      4940999 (Sender GmbH)", body, StringComparison.Ordinal);
            Assert.Contains("Pages:     2", body, StringComparison.Ordinal);
            Assert.Contains($"Received:  {fax.Ended!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC", body, StringComparison.Ordinal);
            MimePart attachment = Assert.Single(message.Attachments.OfType<MimePart>());
            Assert.Equal(("application/pdf", $"fax-{id}.pdf"), (attachment.ContentType.MimeType, attachment.FileName));
            string pdf = dir.File($"received-{message.To.Mailboxes.Single().LocalPart}.pdf");
            await using (var file = File.Create(pdf))
            {
                await attachment.Content!.DecodeToAsync(file);
            }

            PdfRendering.AssertMatchesTiff(pdf, h.Inbox.GetDocumentPath(id)!, dir.Path);
        }

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(h.Inbox.Root, "tmp")));
    }

    [Fact]
    public async Task AFaxIsMailedAsTheStoredTiffWhenTheRouteSaysTiff()
    {
        using var dir = new TempFolder();
        await using var server = await Aiosmtpd.StartAsync(dir, "plain", Aiosmtpd.FreePort(), certificate, null);
        await using var h = new InboxHarness(dir.Path, Routing(FaxAttachmentFormat.Tiff), [new EmailDelivery(Smtp("plain", server.Port, null))]);
        await h.Inbox.StartAsync(CancellationToken.None);
        string id = InboxHarness.Receive(h.Inbox, InboxHarness.Call(), 1, success: false);
        await h.DeliveryUntilAsync(f => !f.HasPendingDeliveries);
        MimeMessage message = server.Messages()[0];
        Assert.Equal("Fax from Sender GmbH <4940999> (1 page, incomplete)", message.Subject);
        MimePart attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal(("image/tiff", $"fax-{id}.tif"), (attachment.ContentType.MimeType, attachment.FileName));
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);
        Assert.Equal(await File.ReadAllBytesAsync(h.Inbox.GetDocumentPath(id)!), bytes.ToArray());
    }

    [Fact]
    public async Task ARefusingServerNeverLosesTheFaxAndDeliveryResumesWhenItRecovers()
    {
        using var dir = new TempFolder();
        string passwordFile = dir.File("password");
        await File.WriteAllTextAsync(passwordFile, "changed-by-the-admin");
        int port = Aiosmtpd.FreePort();
        var smtp = Smtp("starttls", port, "s3cret");
        await using var h = new InboxHarness(dir.Path, Routing(FaxAttachmentFormat.Pdf), [new EmailDelivery(smtp)]);
        await h.Inbox.StartAsync(CancellationToken.None);
        string id = InboxHarness.Receive(h.Inbox, InboxHarness.Call(), 1);

        // 1. The server is down.
        ReceivedFax down = await h.DeliveryUntilAsync(f => f.Deliveries.All(d => d.LastError is not null));
        Assert.All(down.Deliveries, d => Assert.Contains($"smtp 127.0.0.1:{port}", d.LastError, StringComparison.Ordinal));
        Assert.True(File.Exists(h.Inbox.GetDocumentPath(id)));

        // 2. It is up but refuses the password.
        await using (var server = await Aiosmtpd.StartAsync(dir, "starttls", port, certificate, passwordFile))
        {
            h.Inbox.RetryDeliveries(id);
            ReceivedFax refused = await h.DeliveryUntilAsync(f => f.Deliveries.All(d => d.LastError?.Contains("authentication failed", StringComparison.Ordinal) == true));
            Assert.All(refused.Deliveries, d => Assert.True(d.IsPending && d.Attempts >= 2));
            Assert.Empty(server.Messages());
            Assert.True(File.Exists(h.Inbox.GetDocumentPath(id)));
            Assert.Equal(refused.Deliveries.Select(d => d.LastError), h.Inbox.Get(id)!.Deliveries.Select(d => d.LastError)); // kept in the sidecar

            // 3. The password is fixed on the server: the next retry delivers.
            await File.WriteAllTextAsync(passwordFile, "s3cret");
            h.Inbox.RetryDeliveries(id);
            ReceivedFax delivered = await h.DeliveryUntilAsync(f => !f.HasPendingDeliveries);
            Assert.All(delivered.Deliveries, d => Assert.NotNull(d.DeliveredAt));
            Assert.Equal(2, server.Messages().Count);
        }

        Assert.True(File.Exists(h.Inbox.GetDocumentPath(id)));
    }

    [Fact]
    public async Task PendingDeliveriesSurviveARestart()
    {
        using var dir = new TempFolder();
        int port = Aiosmtpd.FreePort();
        string id;
        var slow = new DeliveryRetryOptions { FirstDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1) };
        await using (var first = new InboxHarness(dir.Path, Routing(FaxAttachmentFormat.Pdf), [new EmailDelivery(Smtp("plain", port, null))], retry: slow))
        {
            await first.Inbox.StartAsync(CancellationToken.None);
            id = InboxHarness.Receive(first.Inbox, InboxHarness.Call(), 1);
            await first.DeliveryUntilAsync(f => f.Deliveries.All(d => d.LastError is not null));
        }

        await using var server = await Aiosmtpd.StartAsync(dir, "plain", port, certificate, null);
        await using var second = new InboxHarness(dir.Path, Routing(FaxAttachmentFormat.Pdf), [new EmailDelivery(Smtp("plain", port, null))], retry: slow);
        await second.Inbox.StartAsync(CancellationToken.None);
        Assert.True(second.Inbox.Get(id)!.HasPendingDeliveries);
        second.Inbox.RetryDeliveries();
        ReceivedFax fax = await second.DeliveryUntilAsync(f => !f.HasPendingDeliveries);
        Assert.All(fax.Deliveries, d => Assert.Equal(2, d.Attempts));
        Assert.Equal(2, server.Messages().Count);
    }

    [Fact]
    public void InvalidSmtpOptionsAreRejectedNamingTheKey()
    {
        Assert.Contains("faxServer.smtp.host", Assert.Throws<ArgumentException>(() => new EmailDelivery(new SmtpOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("faxServer.smtp.port", Assert.Throws<ArgumentException>(() => new EmailDelivery(new SmtpOptions { Host = "h", Port = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("faxServer.smtp.from", Assert.Throws<ArgumentException>(() => new EmailDelivery(new SmtpOptions { Host = "h", From = "no" })).Message, StringComparison.Ordinal);
        Assert.Contains("username and password", Assert.Throws<ArgumentException>(() => new EmailDelivery(new SmtpOptions { Host = "h", Username = "u" })).Message, StringComparison.Ordinal);
        Assert.Contains("trustedCertificateFile", Assert.Throws<ArgumentException>(() => new EmailDelivery(new SmtpOptions { Host = "h", TrustedCertificateFile = "/nonexistent.pem" })).Message, StringComparison.Ordinal);
        var ex = Assert.Throws<InboundRoutingException>(() => new FaxBox.FaxServer.Inbox.Inbox(
            new InboxOptions(), InboundRouter.Create(Routing(FaxAttachmentFormat.Pdf)), new SmtpOptions(), new WebhookOptions(), new DeliveryRetryOptions(), TimeProvider.System, new ListLogger()));
        Assert.Equal("faxServer.routing.rules[0]: the route e-mails faxes but faxServer.smtp.host is not set", ex.Message);
    }

    private SmtpOptions Smtp(string mode, int port, string? password) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = mode switch { "plain" => SmtpSecurity.None, "starttls" => SmtpSecurity.StartTls, _ => SmtpSecurity.Tls },
        Username = password is null ? null : "fax",
        Password = password,
        From = "FaxBox <faxbox@example.com>",
        TrustedCertificateFile = certificate.CertificateFile,
        Timeout = TimeSpan.FromSeconds(10),
    };
}
