using FaxBox.Admin.Security;
using FaxBox.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Security;

/// <summary>The security pages in Debian's Chromium: first-run set-up, the one-time code, login, lock-out, logout, tokens. Screenshots saved.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserSecurityTests(BrowserFixture browser)
{
    [Fact]
    public async Task First_run_in_the_browser_leads_to_setup_and_the_chosen_password_signs_in()
    {
        await using var site = await AdminTestSite.StartAsync();
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/faxes");
        Assert.EndsWith("/setup", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByLabel("One-time code").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "security-setup");
        await page.GetByLabel("New password").FillAsync("browser password 1");
        await page.GetByLabel("Repeat the password").FillAsync("browser password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await page.WaitForURLAsync(site.BaseAddress.ToString());
        Assert.Equal("Dashboard", await page.Locator("h1").TextContentAsync());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).IsVisibleAsync());
        Assert.True(site.Credentials.VerifyPassword("browser password 1"));
    }

    [Fact]
    public async Task From_another_machine_the_setup_page_asks_for_the_one_time_code()
    {
        await using var site = await AdminTestSite.StartAsync();
        site.Site.Services.GetRequiredService<LoopbackTrust>().Enabled = false;
        var code = site.Site.Services.GetRequiredService<SetupCode>().Current!;
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/setup");
        await page.GetByLabel("One-time code").FillAsync("0000000000");
        await page.GetByLabel("New password").FillAsync("browser password 1");
        await page.GetByLabel("Repeat the password").FillAsync("browser password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        Assert.Contains("The one-time code is wrong", await page.GetByRole(AriaRole.Alert).TextContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "security-setup-code");
        Assert.False(site.Credentials.IsPasswordSet);

        await page.GetByLabel("One-time code").FillAsync(code);
        await page.GetByLabel("New password").FillAsync("browser password 1");
        await page.GetByLabel("Repeat the password").FillAsync("browser password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await page.WaitForURLAsync(site.BaseAddress.ToString());
        Assert.True(site.Credentials.VerifyPassword("browser password 1"));
    }

    [Fact]
    public async Task Wrong_passwords_then_lockout_then_login_after_the_lockout_returns_to_the_page_asked_for()
    {
        var clock = new ManualTimeProvider();
        await using var site = await AdminTestSite.StartAsync(
            c => new AdminContext { Status = c.Status, DataFolder = c.DataFolder, Time = clock },
            o => o.LoginFailuresBeforeLockout = 3);
        site.EnsurePassword();
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/security");
        Assert.Contains("/login?ReturnUrl=%2Fsecurity", page.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "security-login");
        for (var i = 1; i <= 3; i++)
        {
            await page.GetByLabel("Password").FillAsync("wrong guess " + i);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            var alert = await page.GetByRole(AriaRole.Alert).TextContentAsync();
            Assert.Contains("Wrong password.", alert, StringComparison.Ordinal);
            Assert.Equal(i == 3, alert!.Contains("locked out until", StringComparison.Ordinal));
        }

        await page.GetByLabel("Password").FillAsync(AdminTestSite.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        Assert.Contains("Too many failed logins", await page.GetByRole(AriaRole.Alert).TextContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "security-locked-out");

        clock.Advance(TimeSpan.FromMinutes(16));
        await page.GetByLabel("Password").FillAsync(AdminTestSite.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(site.BaseAddress, "/security").ToString());
        Assert.Equal("Security", await page.Locator("h1").TextContentAsync());
    }

    [Fact]
    public async Task The_security_page_creates_a_token_shown_once_and_logout_ends_the_session()
    {
        await using var site = await AdminTestSite.StartAsync();
        var page = await browser.NewPageAsync(site.BaseAddress);
        await site.LoginAsync(page);
        await page.GotoAsync("/security");
        await page.GetByLabel("Name of a new token").FillAsync("nightly backup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var secret = await page.GetByLabel("New token (shown once)").InputValueAsync();
        Assert.NotNull(site.Credentials.FindToken(secret));
        Assert.Equal("nightly backup", await page.Locator("table tbody tr td").First.TextContentAsync());
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", await page.Locator("#fingerprint").TextContentAsync());
        await BrowserFixture.ScreenshotAsync(page, "security-settings");

        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.Load });
        await page.GotoAsync("/security");
        Assert.Equal(0, await page.GetByLabel("New token (shown once)").CountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke token nightly backup" }).ClickAsync();
        Assert.Contains("revoked", await page.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        Assert.Null(site.Credentials.FindToken(secret));

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }
}
