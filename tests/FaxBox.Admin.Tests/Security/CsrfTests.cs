using System.Net;
using FaxBox.Admin.Security;
using FaxBox.Admin.Tests.Infrastructure;

namespace FaxBox.Admin.Tests.Security;

/// <summary>Cross-site request forgery: every form and every state-changing API call made with a session needs the token.</summary>
public sealed class CsrfTests
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/setup")]
    public async Task Anonymous_forms_without_the_antiforgery_token_are_400(string path)
    {
        await using var site = await AdminTestSite.StartAsync();
        if (path == "/login")
        {
            site.EnsurePassword();
        }

        using var client = site.CreateClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Password"] = "a long new password", ["Confirm"] = "a long new password" });
        using var post = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(path == "/login", site.Credentials.IsPasswordSet);
    }

    [Theory]
    [InlineData("/security?handler=CreateToken")]
    [InlineData("/security?handler=Password")]
    [InlineData("/logout")]
    public async Task Forms_of_a_signed_in_administrator_without_the_token_are_400_and_change_nothing(string path)
    {
        await using var site = await AdminTestSite.StartAsync();
        using var client = await site.CreateAuthenticatedClientAsync();
        client.DefaultRequestHeaders.Remove(SecurityArea.AntiforgeryHeader);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "forged", ["current"] = AdminTestSite.AdminPassword, ["password"] = "forged password 1", ["confirm"] = "forged password 1" });
        using var post = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Empty(site.Credentials.ListTokens());
        Assert.True(site.Credentials.VerifyPassword(AdminTestSite.AdminPassword));
        using var stillIn = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_session_is_refused()
    {
        await using var site = await AdminTestSite.StartAsync();
        using var victim = await site.CreateAuthenticatedClientAsync();
        using var attacker = await site.CreateAuthenticatedClientAsync();
        var attackersToken = await AdminTestSite.AntiforgeryTokenAsync(attacker, "/security");
        victim.DefaultRequestHeaders.Remove(SecurityArea.AntiforgeryHeader);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "forged", ["__RequestVerificationToken"] = attackersToken });
        using var post = await victim.PostAsync(new Uri("/security?handler=CreateToken", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Empty(site.Credentials.ListTokens());
    }
}
