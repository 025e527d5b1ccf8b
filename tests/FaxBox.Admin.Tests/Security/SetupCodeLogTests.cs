using System.Collections.Concurrent;
using FaxBox.Admin.Security;
using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.Core.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Tests.Security;

/// <summary>The one-time set-up code reaches the log (and so the console and journal) at start, and only while no password exists.</summary>
public sealed class SetupCodeLogTests
{
    [Fact]
    public async Task The_code_is_logged_as_a_warning_at_start_and_not_once_a_password_exists()
    {
        using var data = TestPaths.NewTempFolder();
        var lines = new ConcurrentQueue<(LogLevel Level, EventId Id, string Text)>();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(lines)).SetMinimumLevel(LogLevel.Trace));
        var context = new AdminContext { Status = new StatusBoard("testbox"), DataFolder = data.Path };
        var options = new AdminOptions { Urls = ["http://127.0.0.1:0"], PasswordHashCost = Argon2idParameters.Minimum };
        string code;
        await using (var site = await AdminSite.StartAsync(context, options, loggers, CancellationToken.None))
        {
            code = site.Services.GetRequiredService<SetupCode>().Current!;
            var line = Assert.Single(lines, l => l.Id.Id == 9600);
            Assert.Equal(LogLevel.Warning, line.Level);
            Assert.Contains(code, line.Text, StringComparison.Ordinal);
            Assert.Contains("faxbox admin passwd", line.Text, StringComparison.Ordinal);
            Assert.Single(lines, l => l.Id.Id == 9607);
            site.Services.GetRequiredService<AdminCredentialStore>().SetPassword("now it is set");
        }

        lines.Clear();
        await using (var again = await AdminSite.StartAsync(context, options, loggers, CancellationToken.None))
        {
            Assert.DoesNotContain(lines, l => l.Id.Id == 9600 || l.Text.Contains(code, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Id.Id == 9607);
        }
    }
}
