using System.Net;
using System.Text.RegularExpressions;
using FaxBox.Admin.Security;
using FaxBox.Core.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Infrastructure;

/// <summary>
/// A real admin site on Kestrel on 127.0.0.1 (a free port) over a temporary data folder and a status board the test
/// drives; optionally with a fax server. Tests reach it over HTTP or with the shared browser.
/// </summary>
public sealed partial class AdminTestSite : IAsyncDisposable
{
    /// <summary>The administrator password the helpers set (through the store the set-up page uses).</summary>
    public const string AdminPassword = "test admin password 1";

    private readonly TempFolder _data;

    private AdminTestSite(AdminSite site, TempFolder data, StatusBoard status, AdminContext context)
    {
        Site = site;
        _data = data;
        Status = status;
        Context = context;
    }

    /// <summary>The running site.</summary>
    internal AdminSite Site { get; }

    /// <summary>The status model the dashboard shows: tests change it and watch the page.</summary>
    public StatusBoard Status { get; }

    /// <summary>What the site was started with.</summary>
    public AdminContext Context { get; }

    /// <summary>The site's data folder.</summary>
    public string DataFolder => _data.Path;

    /// <summary>Where the site answers, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress => Site.Addresses[0];

    /// <summary>Starts a site; <paramref name="configure"/> may change the context (fax server, backends) and options.</summary>
    public static async Task<AdminTestSite> StartAsync(Func<AdminContext, AdminContext>? configure = null, Action<AdminOptions>? options = null)
    {
        var data = TestPaths.NewTempFolder();
        var status = new StatusBoard("testbox");
        var context = new AdminContext { Status = status, DataFolder = data.Path };
        context = configure?.Invoke(context) ?? context;
        // The cheapest Argon2id the box accepts: the same store and code path, a quarter of the CPU per login.
        var adminOptions = new AdminOptions { Urls = ["http://127.0.0.1:0"], PasswordHashCost = Argon2idParameters.Minimum };
        options?.Invoke(adminOptions);
        try
        {
            var site = await AdminSite.StartAsync(context, adminOptions, NullLoggerFactory.Instance, CancellationToken.None);
            return new AdminTestSite(site, data, status, context);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>A plain client: no session, no token, no redirects followed.</summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The site's password and token store (the one the set-up and security pages use).</summary>
    internal AdminCredentialStore Credentials => Site.Services.GetRequiredService<AdminCredentialStore>();

    /// <summary>Sets <see cref="AdminPassword"/> as the administrator password if none is set yet.</summary>
    public void EnsurePassword() => _ = Credentials.IsPasswordSet || Credentials.TrySetInitialPassword(AdminPassword);

    /// <summary>
    /// A client signed in as the administrator (set-up done if it was not) through the login form's POST with its
    /// antiforgery token; it sends the page's antiforgery token in the <c>RequestVerificationToken</c> header on every
    /// request, as the site's own scripts do, so state-changing <c>/api/v1</c> calls made with the session pass.
    /// </summary>
    public Task<HttpClient> CreateAuthenticatedClientAsync()
    {
        EnsurePassword();
        return SignInAsync(CreateClient());
    }

    /// <summary>
    /// Logs <paramref name="client"/> in with <see cref="AdminPassword"/> (already set) and adds the antiforgery header;
    /// disposes it on failure.
    /// </summary>
    internal static async Task<HttpClient> SignInAsync(HttpClient client)
    {
        try
        {
            using var login = await PostFormAsync(client, "/login", new() { ["Password"] = AdminPassword });
            if (login.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"login answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
            }

            client.DefaultRequestHeaders.Add(SecurityArea.AntiforgeryHeader, await AntiforgeryTokenAsync(client, "/logout"));
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Signs <paramref name="page"/> in as the administrator (set-up done if it was not) through the login form.</summary>
    public async Task LoginAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        EnsurePassword();
        await SignInAsync(page);
    }

    /// <summary>Logs <paramref name="page"/> in through the login form with <see cref="AdminPassword"/> (already set).</summary>
    internal static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#password", AdminPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The antiforgery token of the first form on <paramref name="path"/>, as <paramref name="client"/> sees it.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var match = AntiforgeryField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"{path} has no antiforgery field");
    }

    /// <summary>Posts a form to <paramref name="path"/> with the antiforgery token of the page's own form.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = await AntiforgeryTokenAsync(client, formPage ?? path);
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        _data.Dispose();
    }
}
