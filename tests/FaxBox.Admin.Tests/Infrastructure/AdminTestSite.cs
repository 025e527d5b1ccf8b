using FaxBox.Core.Status;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Infrastructure;

/// <summary>
/// A real admin site on Kestrel on 127.0.0.1 (a free port) over a temporary data folder and a status board the test
/// drives; optionally with a fax server. Tests reach it over HTTP or with the shared browser.
/// </summary>
public sealed class AdminTestSite : IAsyncDisposable
{
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
        var adminOptions = new AdminOptions { Urls = ["http://127.0.0.1:0"] };
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

    /// <summary>
    /// A client signed in as the administrator (set-up done if it was not), for tests of pages and API calls behind the
    /// login. The security area makes this real; until then the site has no login.
    /// </summary>
    public Task<HttpClient> CreateAuthenticatedClientAsync() => Task.FromResult(CreateClient());

    /// <summary>Signs <paramref name="page"/> in as the administrator (set-up done if it was not).</summary>
    public Task LoginAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        _data.Dispose();
    }
}
