using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Delivery;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Queue;
using FaxBox.FaxServer.Tests.Inbox;
using FaxBox.FaxServer.Tests.Queue;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace FaxBox.FaxServer.Tests.Delivery;

/// <summary>Sent and failed notifications to the submitter, through MailKit to Debian's python3-aiosmtpd on 127.0.0.1.</summary>
public sealed class JobNotifierTests(SelfSignedCertificate certificate) : IClassFixture<SelfSignedCertificate>
{
    [Theory]
    [InlineData(FaxJobEventKind.Sent, "ok", "Fax to 200 sent (2 page(s))", "Result: sent")]
    [InlineData(FaxJobEventKind.Failed, "T.30: no response to DCS", "Fax to 200 failed: T.30: no response to DCS", "Result: failed")]
    public async Task The_submitter_gets_the_result_with_the_confirmation_page(FaxJobEventKind kind, string result, string subject, string line)
    {
        using var dir = new TempFolder();
        await using var server = await Aiosmtpd.StartAsync(dir, "plain", Aiosmtpd.FreePort(), certificate, null);
        var document = dir.File("job.tif");
        TestPageGenerator.Write(document, new TestPageOptions { Pages = 2, StationIdent = "NOTIFY TEST" });
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None, From = "FaxBox <faxbox@example.com>", Timeout = TimeSpan.FromSeconds(10) };
        using var store = JobStore.Open(dir.File("jobs.db"), TimeProvider.System);
        await using var notifier = Notifier(store, smtp, dir.Path, new ListLogger());
        var now = DateTimeOffset.UtcNow;
        var job = new FaxJob(
            7, now, "api", "200", null, document, 2, null, "alice@example.com", kind == FaxJobEventKind.Sent ? FaxJobState.Sent : FaxJobState.Failed,
            1, FaxLadderPosition.Start, null, result, false, now, now);

        Assert.Null(await notifier.SendAsync(job, null, kind, result, "alice@example.com", CancellationToken.None));

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
    public async Task A_notification_no_server_takes_gives_the_reason_and_does_not_throw()
    {
        using var dir = new TempFolder();
        int port = Aiosmtpd.FreePort();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, From = "faxbox@example.com", Timeout = TimeSpan.FromSeconds(5) };
        using var store = JobStore.Open(dir.File("jobs.db"), TimeProvider.System);
        await using var notifier = Notifier(store, smtp, dir.Path, new ListLogger());
        var now = DateTimeOffset.UtcNow;
        var job = new FaxJob(8, now, "api", "200", null, dir.File("gone.tif"), 1, null, "bob@example.com", FaxJobState.Failed, 3, FaxLadderPosition.Start, null, "busy", false, now, now);

        var error = await notifier.SendAsync(job, null, FaxJobEventKind.Failed, "busy", "bob@example.com", CancellationToken.None);

        Assert.NotNull(error);
        Assert.Contains($"smtp 127.0.0.1:{port}", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The notification is stored with the job's end (same transaction), so neither a refusing server nor a restart loses
    /// it: the running box retries it with the deliveries' back-off and keeps the server's answer; after a restart the new
    /// box picks it up and, once the server takes the password, it goes out exactly once.
    /// </summary>
    [Fact]
    public async Task A_notification_the_server_refuses_is_kept_retried_with_back_off_across_a_restart_and_sent_once_it_accepts()
    {
        using var dir = new TempFolder();
        var data = Path.Combine(dir.Path, "data");
        string passwordFile = dir.File("password");
        await File.WriteAllTextAsync(passwordFile, "changed-by-the-admin");
        await using var server = await Aiosmtpd.StartAsync(dir, "starttls", Aiosmtpd.FreePort(), certificate, passwordFile);
        var caller = new FakeFaxCaller();
        var document = dir.File("letter.tif");
        TestPageGenerator.Write(document, new TestPageOptions { Pages = 2, StationIdent = "NOTIFY TEST" });
        long jobId;

        await using (var box = await StartBox(data, server.Port, caller))
        {
            var job = await box.SubmitAsync(new FaxSubmission([new DocumentSource(document)], "200", "api", NotifyAddress: "alice@example.com"), CancellationToken.None);
            jobId = job.Id;
            await WaitFor(() => caller.Open.Count == 1);
            caller.Open[0].End(FaxCallOutcomeKind.Sent, pages: 2);

            // Refused (535) twice: each attempt recorded with the server's answer, the second after the back-off.
            var refused = await WaitFor(() => box.Jobs.Notifications(jobId) is [{ Attempts: >= 2 } n] ? n : null);
            Assert.Equal(FaxJobState.Sent, box.Jobs.Get(jobId)!.State);
            Assert.True(refused.IsPending);
            Assert.Equal((FaxJobEventKind.Sent, "alice@example.com", "sent on T.38+ECM 14400"), (refused.Kind, refused.Address, refused.Result));
            Assert.Contains("authentication failed", refused.LastError, StringComparison.Ordinal);
            Assert.True(refused.NextAttempt > refused.Created + TimeSpan.FromSeconds(0.5), $"next attempt {refused.NextAttempt:O} for one created {refused.Created:O}");
            Assert.Empty(server.Messages());
        }

        // The box restarts; the admin fixes the password meanwhile.
        await File.WriteAllTextAsync(passwordFile, "s3cret");
        await using (var box = await StartBox(data, server.Port, new FakeFaxCaller()))
        {
            var sent = await WaitFor(() => box.Jobs.Notifications(jobId) is [{ IsPending: false } n] ? n : null);
            Assert.True(sent.Attempts >= 3, $"{sent.Attempts} attempts");
            Assert.Null(sent.LastError);
            Assert.Null(sent.NextAttempt);
        }

        var message = Assert.Single(server.Messages());
        Assert.Equal("Fax to 200 sent (2 page(s))", message.Subject);
        Assert.Contains("Pages: 2 of 2", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("alice@example.com", Assert.Single(message.To.Mailboxes).Address);
    }

    [Fact]
    public async Task A_box_without_SMTP_records_no_notification_for_a_job_with_a_notify_address()
    {
        using var dir = new TempFolder();
        var caller = new FakeFaxCaller();
        var document = dir.File("letter.tif");
        TestPageGenerator.Write(document, new TestPageOptions { Pages = 1 });
        var options = new FaxServerOptions();
        options.Inbox.MinFreeBytes = 0;
        await using var box = await FaxServerService.StartAsync(options, dir.Path, caller, new StatusBoard("box"), [], TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        var job = await box.SubmitAsync(new FaxSubmission([new DocumentSource(document)], "200", "api", NotifyAddress: "alice@example.com"), CancellationToken.None);
        await WaitFor(() => caller.Open.Count == 1);
        caller.Open[0].End(FaxCallOutcomeKind.Sent, pages: 1);
        await WaitFor(() => box.Jobs.Get(job.Id)!.State == FaxJobState.Sent);

        Assert.Empty(box.Jobs.Notifications(job.Id));
    }

    private SmtpOptions Smtp(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = SmtpSecurity.StartTls,
        Username = "fax",
        Password = "s3cret",
        From = "FaxBox <faxbox@example.com>",
        TrustedCertificateFile = certificate.CertificateFile,
        Timeout = TimeSpan.FromSeconds(10),
    };

    private Task<FaxServerService> StartBox(string data, int smtpPort, FakeFaxCaller caller)
    {
        var options = new FaxServerOptions { Smtp = Smtp(smtpPort), DeliveryRetry = new DeliveryRetryOptions { FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(2) } };
        options.Inbox.MinFreeBytes = 0;
        return FaxServerService.StartAsync(options, data, caller, new StatusBoard("box"), [], TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
    }

    private static JobNotifier Notifier(JobStore store, SmtpOptions smtp, string work, ListLogger log) =>
        new(store, new EmailDelivery(smtp), new ConfirmationPage(new DocumentIntakeOptions()), work, smtp.From, new DeliveryRetryOptions(), TimeProvider.System, log);

    private static async Task WaitFor(Func<bool> condition) => await WaitFor(() => condition() ? (object?)true : null);

    private static async Task<T> WaitFor<T>(Func<T?> value)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (value() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "not within 30 s");
            await Task.Delay(50);
        }
    }
}
