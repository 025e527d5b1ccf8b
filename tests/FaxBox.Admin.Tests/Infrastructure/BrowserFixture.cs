using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium (<c>/usr/bin/chromium</c>, installed by tools/test; Playwright downloads no browser)
/// shared by the browser tests, each of which opens its own context (cookies and storage of its own).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser has not started");

    /// <summary>Where tests save screenshots (artifacts/screenshots at the repository's root, kept by CI).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(TestPaths.Repository, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: tools/test installs Debian's chromium package");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's own background traffic is refused by this machine's closed network: switch it off.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            Timeout = 60_000,
        });
    }

    /// <summary>A new page in a new context, with a 15 s default timeout; <paramref name="javaScript"/> false for a browser without scripts.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, bool ignoreHttpsErrors = false, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), IgnoreHTTPSErrors = ignoreHttpsErrors, JavaScriptEnabled = javaScript });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Saves a full-page screenshot named <paramref name="name"/>.png under <see cref="ScreenshotFolder"/>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
