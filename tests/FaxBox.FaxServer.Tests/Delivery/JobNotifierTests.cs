using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Delivery;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Queue;
using FaxBox.FaxServer.Tests.Inbox;
using MimeKit;

namespace FaxBox.FaxServer.Tests.Delivery;

/// <summary>Sent and failed notifications to the submitter, through MailKit to Debian's python3-aiosmtpd on 127.0.0.1.</summary>
public sealed class JobNotifierTests(SelfSignedCertificate certificate) : IClassFixture<SelfSignedCertificate>
{
    [Theory]
    [InlineData(FaxJobEventKind.Sent, "Fax to 200 sent (2 page(s))", "Result: sent")]
    [InlineData(FaxJobEventKind.Failed, "Fax to 200 failed: T.30: no response to DCS", "Result: failed")]
    public async Task The_submitter_gets_the_result_with_the_confirmation_page(FaxJobEventKind kind, string subject, string line)
    {
        using var dir = new TempFolder();
        await using var server = await Aiosmtpd.StartAsync(dir, "plain", Aiosmtpd.FreePort(), certificate, null);
        var document = dir.File("job.tif");
        TestPageGenerator.Write(document, new TestPageOptions { Pages = 2, StationIdent = "NOTIFY TEST" });
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None, From = "FaxBox <faxbox@example.com>", Timeout = TimeSpan.FromSeconds(10) };
        var notifier = new JobNotifier(new EmailDelivery(smtp), new ConfirmationPage(new DocumentIntakeOptions()), dir.Path, smtp.From, new ListLogger());
        var now = DateTimeOffset.UtcNow;
        var job = new FaxJob(
            7, now, "api", "200", null, document, 2, null, "alice@example.com", kind == FaxJobEventKind.Sent ? FaxJobState.Sent : FaxJobState.Failed,
            1, FaxLadderPosition.Start, null, kind == FaxJobEventKind.Sent ? "ok" : "T.30: no response to DCS", false, now, now);

        await notifier.NotifyAsync(new FaxJobEvent(kind, job, null, null, FaxBox.Core.Status.QueueStatus.Empty), "alice@example.com");

        var message = Assert.Single(server.Messages());
        Assert.Equal(subject, message.Subject);
        Assert.Equal("alice@example.com", Assert.Single(message.To.Mailboxes).Address);
        Assert.Contains(line, message.TextBody, StringComparison.Ordinal);
        var png = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal(("image/png", "fax-7-confirmation.png"), (png.ContentType.MimeType, png.FileName));
        using var bytes = new MemoryStream();
        await png.Content!.DecodeToAsync(bytes);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.ToArray()[..4]);
        Assert.Empty(Directory.GetFiles(dir.Path, "confirmation-*.png"));
    }

    [Fact]
    public async Task A_notification_the_server_refuses_is_logged_and_does_not_throw()
    {
        using var dir = new TempFolder();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = Aiosmtpd.FreePort(), Security = SmtpSecurity.None, From = "faxbox@example.com", Timeout = TimeSpan.FromSeconds(5) };
        var log = new ListLogger();
        var notifier = new JobNotifier(new EmailDelivery(smtp), new ConfirmationPage(new DocumentIntakeOptions()), dir.Path, smtp.From, log);
        var now = DateTimeOffset.UtcNow;
        var job = new FaxJob(8, now, "api", "200", null, dir.File("gone.tif"), 1, null, "bob@example.com", FaxJobState.Failed, 3, FaxLadderPosition.Start, null, "busy", false, now, now);

        await notifier.NotifyAsync(new FaxJobEvent(FaxJobEventKind.Failed, job, null, null, FaxBox.Core.Status.QueueStatus.Empty), "bob@example.com");

        Assert.Contains(log.Lines, l => l.Text.Contains("job 8: the notification could not be e-mailed", StringComparison.Ordinal));
    }
}
