using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using FaxBox.Admin.Security;
using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.Core.Status;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Tests;

/// <summary>
/// <c>faxbox run</c> starts the admin site with <c>buildOnFirstConnection</c>: the addresses are bound and the set-up
/// code logged at start, the pages and API (Kestrel, Razor Pages, data protection) are built when a browser first
/// connects, and that first request is answered.
/// </summary>
public sealed class OnDemandStartTests
{
    [Fact]
    public async Task The_site_binds_and_logs_the_setup_code_at_start_and_builds_its_pages_for_the_first_request()
    {
        using var data = TestPaths.NewTempFolder();
        var lines = new ConcurrentQueue<(LogLevel Level, EventId Id, string Text)>();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(lines)).SetMinimumLevel(LogLevel.Trace));
        await using var site = await StartAsync(data.Path, loggers, ["http://127.0.0.1:0"]);

        Assert.False(site.IsStarted);
        Assert.Throws<InvalidOperationException>(() => site.Services);
        var code = site.Security.SetupCode.Current;
        Assert.NotNull(code);
        Assert.Contains(lines, l => l.Id.Id == 9600 && l.Text.Contains(code, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Id.Id == 9607);   // http:// only: no certificate made at start

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.Addresses.Single(), Timeout = TimeSpan.FromSeconds(60) };
        using var first = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/setup", first.Headers.Location?.OriginalString);
        await site.EnsureStartedAsync(CancellationToken.None);   // the start the first connection made (the same task)
        Assert.True(site.IsStarted);
        Assert.Same(site.Security.SetupCode, site.Services.GetService(typeof(SetupCode)));
        using var setup = await client.GetAsync(new Uri("/setup", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Single(lines, l => l.Id.Id == 9600);   // logged once, not again when the pages were built
        for (var i = 0; i < 500 && !lines.Any(l => l.Id.Id == 9620); i++)
        {
            await Task.Delay(20);   // logged right after the start completes
        }

        Assert.Single(lines, l => l.Id.Id == 9620);
    }

    [Fact]
    public async Task With_an_https_address_the_certificate_is_made_at_start_and_http_redirects_to_the_bound_https_port()
    {
        using var data = TestPaths.NewTempFolder();
        var lines = new ConcurrentQueue<(LogLevel Level, EventId Id, string Text)>();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(lines)).SetMinimumLevel(LogLevel.Trace));
        await using var site = await StartAsync(data.Path, loggers, ["http://127.0.0.1:0", "https://127.0.0.1:0"]);

        Assert.Single(lines, l => l.Id.Id == 9607);
        Assert.False(site.IsStarted);
        var https = site.Addresses.Single(a => a.Scheme == Uri.UriSchemeHttps);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
        using var answer = await client.GetAsync(new Uri(site.Addresses.Single(a => a.Scheme == Uri.UriSchemeHttp), "/login"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, answer.StatusCode);
        Assert.Equal(https.Port, answer.Headers.Location?.Port);
        Assert.Equal(Uri.UriSchemeHttps, answer.Headers.Location?.Scheme);
        Assert.Single(lines, l => l.Id.Id == 9607);
    }

    [Fact]
    public async Task A_site_nobody_opened_stops_at_once_and_frees_its_address()
    {
        using var data = TestPaths.NewTempFolder();
        using var loggers = LoggerFactory.Create(_ => { });
        var site = await StartAsync(data.Path, loggers, ["http://127.0.0.1:0"]);
        var address = site.Addresses.Single();
        var stopping = site.DisposeAsync().AsTask();
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.False(site.IsStarted);

        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        again.Bind(new IPEndPoint(IPAddress.Loopback, address.Port));
        again.Listen();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => site.EnsureStartedAsync(CancellationToken.None));
    }

    private static Task<AdminSite> StartAsync(string dataFolder, ILoggerFactory loggers, List<string> urls) =>
        AdminSite.StartAsync(
            new AdminContext { Status = new StatusBoard("testbox"), DataFolder = dataFolder },
            new AdminOptions { Urls = urls, PasswordHashCost = Argon2idParameters.Minimum },
            loggers,
            CancellationToken.None,
            buildOnFirstConnection: true);
}
