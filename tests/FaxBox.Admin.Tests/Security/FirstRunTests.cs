using System.Net;
using System.Text.Json;
using FaxBox.Admin.Security;
using FaxBox.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FaxBox.Admin.Tests.Security;

/// <summary>First run over HTTP: no default password, everything leads to set-up, loopback or the one-time code.</summary>
public sealed class FirstRunTests
{
    [Fact]
    public async Task Before_a_password_exists_pages_redirect_to_setup_and_the_api_answers_503()
    {
        await using var site = await AdminTestSite.StartAsync();
        using var client = site.CreateClient();
        foreach (var path in new[] { "/", "/login", "/security", "/logout", "/faxes" })
        {
            using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/setup", page.Headers.Location?.OriginalString);
        }

        using var api = await client.GetAsync(new Uri("/api/v1/status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Contains("faxbox admin passwd", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var setup = await client.GetAsync(new Uri("/setup", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.False(File.Exists(site.Credentials.PasswordPath));
    }

    [Fact]
    public async Task Setup_from_loopback_sets_the_password_signs_in_and_then_closes()
    {
        await using var site = await AdminTestSite.StartAsync();
        using var client = site.CreateClient();
        using var done = await AdminTestSite.PostFormAsync(client, "/setup", new() { ["Password"] = "a long new password", ["Confirm"] = "a long new password" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/", done.Headers.Location?.OriginalString);
        Assert.True(site.Credentials.VerifyPassword("a long new password"));
        Assert.False(site.Credentials.VerifyPassword("a long new passwore"));
        Assert.Null(site.Site.Services.GetRequiredService<SetupCode>().Current);

        using var dashboard = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        using var again = await site.CreateClient().GetAsync(new Uri("/setup", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/login", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Setup_refuses_a_short_password_and_two_that_differ()
    {
        await using var site = await AdminTestSite.StartAsync();
        using var client = site.CreateClient();
        using var differ = await AdminTestSite.PostFormAsync(client, "/setup", new() { ["Password"] = "a long new password", ["Confirm"] = "another long password" });
        Assert.Equal(HttpStatusCode.BadRequest, differ.StatusCode);
        Assert.Contains("The two passwords differ", await differ.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var shortOne = await AdminTestSite.PostFormAsync(client, "/setup", new() { ["Password"] = "short", ["Confirm"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, shortOne.StatusCode);
        Assert.Contains("at least 10 are needed", await shortOne.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(site.Credentials.IsPasswordSet);
    }

    [Fact]
    public async Task From_another_machine_setup_needs_the_one_time_code_and_wrong_codes_lock_the_client_out()
    {
        await using var site = await AdminTestSite.StartAsync(options: o => o.LoginFailuresBeforeLockout = 3);
        site.Site.Services.GetRequiredService<LoopbackTrust>().Enabled = false;
        var code = site.Site.Services.GetRequiredService<SetupCode>().Current;
        Assert.NotNull(code);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{10}$", code);
        using var client = site.CreateClient();

        var form = await client.GetStringAsync(new Uri("/setup", UriKind.Relative));
        Assert.Contains("One-time code", form, StringComparison.Ordinal);
        using var none = await AdminTestSite.PostFormAsync(client, "/setup", new() { ["Password"] = "a long new password", ["Confirm"] = "a long new password" });
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.False(site.Credentials.IsPasswordSet);

        // The right code, lower case and with a dash, works.
        using var right = await AdminTestSite.PostFormAsync(
            client, "/setup", new() { ["Code"] = code[..5].ToLowerInvariant() + "-" + code[5..], ["Password"] = "a long new password", ["Confirm"] = "a long new password" });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.True(site.Credentials.VerifyPassword("a long new password"));
        Assert.Null(site.Site.Services.GetRequiredService<SetupCode>().Current);
    }

    [Fact]
    public async Task Wrong_setup_codes_count_towards_the_lockout_and_a_locked_client_cannot_use_the_right_one()
    {
        await using var site = await AdminTestSite.StartAsync(options: o => o.LoginFailuresBeforeLockout = 3);
        site.Site.Services.GetRequiredService<LoopbackTrust>().Enabled = false;
        var code = site.Site.Services.GetRequiredService<SetupCode>().Current!;
        using var client = site.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await AdminTestSite.PostFormAsync(client, "/setup", new() { ["Code"] = "WRONGCODE" + i, ["Password"] = "a long new password", ["Confirm"] = "a long new password" });
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        using var locked = await AdminTestSite.PostFormAsync(client, "/setup", new() { ["Code"] = code, ["Password"] = "a long new password", ["Confirm"] = "a long new password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Too many failed attempts", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(site.Credentials.IsPasswordSet);
    }

    [Fact]
    public async Task No_code_is_made_when_a_password_exists_at_start()
    {
        using var data = TestPaths.NewTempFolder();
        new AdminCredentialStore(data.Path, TimeProvider.System).SetPassword("set before start");
        await using var site = await AdminTestSite.StartAsync(c => new AdminContext { Status = c.Status, DataFolder = data.Path });
        Assert.Null(site.Site.Services.GetRequiredService<SetupCode>().Current);
        using var client = site.CreateClient();
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://", page.Headers.Location?.ToString() ?? "/login", StringComparison.Ordinal);
        Assert.Contains("/login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
        using var api = await client.GetAsync(new Uri("/api/v1/status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var body = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal("Authorization", body.RootElement.GetProperty("field").GetString());
    }
}
