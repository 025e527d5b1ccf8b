using System.Net;
using FaxBox.Admin.Security;
using FaxBox.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FaxBox.Admin.Tests.Security;

/// <summary>Login, lock-out, the session cookie, sliding expiry, logout, restarts and password changes (HTTP, fake clock).</summary>
public sealed class LoginAndSessionTests
{
    [Fact]
    public async Task A_wrong_password_is_401_and_N_failures_lock_the_client_out_until_the_clock_has_moved_on()
    {
        var clock = new ManualTimeProvider();
        await using var site = await AdminTestSite.StartAsync(
            c => new AdminContext { Status = c.Status, DataFolder = c.DataFolder, Time = clock },
            o => { o.LoginFailuresBeforeLockout = 3; o.LockoutDuration = TimeSpan.FromMinutes(10); });
        site.EnsurePassword();
        using var client = site.CreateClient();
        using (var wrong = await AdminTestSite.PostFormAsync(client, "/login", new() { ["Password"] = "not the password" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("Wrong password.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var second = await AdminTestSite.PostFormAsync(client, "/login", new() { ["Password"] = "not the password" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        }

        using (var third = await AdminTestSite.PostFormAsync(client, "/login", new() { ["Password"] = "not the password" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Contains("locked out until 00:10 UTC", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Locked: even the right password is not checked.
        using (var locked = await AdminTestSite.PostFormAsync(client, "/login", new() { ["Password"] = AdminTestSite.AdminPassword }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(9));
        using (var stillLocked = await AdminTestSite.PostFormAsync(client, "/login", new() { ["Password"] = AdminTestSite.AdminPassword }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, stillLocked.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        using var right = await AdminTestSite.PostFormAsync(client, "/login", new() { ["Password"] = AdminTestSite.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        using var dashboard = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_SameSite_Strict_not_persistent_and_not_Secure_over_plain_http()
    {
        await using var site = await AdminTestSite.StartAsync();
        site.EnsurePassword();
        using var client = site.CreateClient();
        using var login = await AdminTestSite.PostFormAsync(client, "/login", new() { ["Password"] = AdminTestSite.AdminPassword });
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AdminSession.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("faxbox", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_session_slides_with_each_request_and_ends_after_the_idle_timeout()
    {
        var clock = new ManualTimeProvider();
        await using var site = await AdminTestSite.StartAsync(
            c => new AdminContext { Status = c.Status, DataFolder = c.DataFolder, Time = clock },
            o => o.SessionIdleTimeout = TimeSpan.FromMinutes(30));
        using var client = await site.CreateAuthenticatedClientAsync();
        for (var i = 0; i < 4; i++)
        {
            // 4 × 20 min = 80 min in all, never 30 idle: the cookie is renewed past half its lifetime.
            clock.Advance(TimeSpan.FromMinutes(20));
            using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(31));
        using var expired = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Contains("/login", expired.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_survive_a_restart_because_the_data_protection_keys_are_kept_in_the_data_folder()
    {
        using var data = TestPaths.NewTempFolder();
        string cookie;
        await using (var first = await AdminTestSite.StartAsync(c => new AdminContext { Status = c.Status, DataFolder = data.Path }))
        {
            using var client = await first.CreateAuthenticatedClientAsync();
            using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var login = await AdminTestSite.PostFormAsync(first.CreateClient(), "/login", new() { ["Password"] = AdminTestSite.AdminPassword });
            cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AdminSession.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data.Path, "admin", "keys"), "key-*.xml"));
        await using var second = await AdminTestSite.StartAsync(c => new AdminContext { Status = c.Status, DataFolder = data.Path });
        using var restarted = second.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var after = await restarted.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        // A forged or foreign cookie is not a session.
        using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        forged.Headers.Add("Cookie", cookie[..^4] + "AAAA");
        using var refused = await restarted.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session_and_is_a_POST_with_antiforgery()
    {
        await using var site = await AdminTestSite.StartAsync();
        using var client = await site.CreateAuthenticatedClientAsync();
        using (var get = await client.GetAsync(new Uri("/logout", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        }

        using (var stillIn = await client.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        using var logout = await AdminTestSite.PostFormAsync(client, "/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var after = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_keeps_this_one()
    {
        await using var site = await AdminTestSite.StartAsync();
        using var other = await site.CreateAuthenticatedClientAsync();
        using var mine = await site.CreateAuthenticatedClientAsync();
        using var change = await AdminTestSite.PostFormAsync(
            mine, "/security?handler=Password", new() { ["current"] = AdminTestSite.AdminPassword, ["password"] = "the new password 2", ["confirm"] = "the new password 2" }, "/security");
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("Password changed", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(site.Credentials.VerifyPassword("the new password 2"));

        using var mineAfter = await mine.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, mineAfter.StatusCode);
        using var otherAfter = await other.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, otherAfter.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        await using var site = await AdminTestSite.StartAsync();
        using var client = await site.CreateAuthenticatedClientAsync();
        using var change = await AdminTestSite.PostFormAsync(
            client, "/security?handler=Password", new() { ["current"] = "a guess at it", ["password"] = "the new password 2", ["confirm"] = "the new password 2" }, "/security");
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Contains("The current password is wrong", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(site.Credentials.VerifyPassword(AdminTestSite.AdminPassword));
    }

    [Fact]
    public async Task A_return_url_elsewhere_is_ignored_after_login()
    {
        await using var site = await AdminTestSite.StartAsync();
        site.EnsurePassword();
        using var client = site.CreateClient();
        using var login = await AdminTestSite.PostFormAsync(client, "/login?ReturnUrl=https%3A%2F%2Fevil.example%2F", new() { ["Password"] = AdminTestSite.AdminPassword }, "/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        _ = site.Site.Services.GetRequiredService<LoginThrottle>();
    }
}
