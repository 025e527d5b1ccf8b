using System.CommandLine;
using System.Text.RegularExpressions;
using FaxBox.Admin.Security;
using FaxBox.Host.Cli;
using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Infrastructure;

/// <summary>
/// The real box, <c>faxbox run --config FILE</c>, in-process on the simulator board with no line ports, its admin site on
/// a free port of 127.0.0.1: the settings pages' backend is the host's own (the file, its watcher, the gateway's live
/// apply). Disposing stops it as SIGTERM would.
/// </summary>
public sealed partial class RunningBox : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;
    private readonly StringWriter _output;
    private readonly StringWriter _error;
    private bool _disposed;

    private RunningBox(TempFolder folder, CancellationTokenSource stop, Task<int> run, StringWriter output, StringWriter error, Uri admin)
    {
        _folder = folder;
        _stop = stop;
        _run = run;
        _output = output;
        _error = error;
        BaseAddress = admin;
    }

    /// <summary>The admin site.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The configuration file the box runs.</summary>
    public string ConfigFile => _folder.File("faxbox.json");

    /// <summary>The box's data folder.</summary>
    public string DataFolder => _folder.File("data");

    /// <summary>What the box printed so far.</summary>
    public string Output => _output.ToString();

    /// <summary>
    /// A configuration for a box with one SIP account, no line ports, no MQTT: on a free port sending nowhere, or with
    /// <paramref name="sipPort"/> on that port and sending its calls to itself.
    /// </summary>
    public static string Configuration(string dataFolder, int sipPort = 0) => $$"""
        // Written by the admin tests: the box's settings backend under test.
        {
          "name": "settingsbox",
          "dataFolder": "{{dataFolder}}",
          "logLevel": "information",
          "sip": { "accounts": [ { "name": "trunk", "username": "faxbox", "listenAddress": "127.0.0.1", "port": {{sipPort}}, "target": "127.0.0.1:{{(sipPort == 0 ? 5 : sipPort)}}", "password": "trunk-secret-1" } ] },
          "fax": { "t38": "on-ced-or-preamble", "ecm": true },
          "dialPlan": { "patterns": ["x."] },
          "ports": [],
          "terminal": { "numbers": ["300"], "localIdent": "SETTINGSBOX 300" },
          "faxServer": { "smtp": { "host": "mail.example.test", "username": "fax", "password": "smtp-secret-2" } },
          "mqtt": { "enabled": false },
          "admin": { "urls": ["http://127.0.0.1:0"] },
        }
        """;

    /// <summary>Starts the box and waits (at most 60 s) until its admin site listens.</summary>
    public static Task<RunningBox> StartAsync(int sipPort = 0) => StartAsync((folder, data) => Configuration(data, sipPort));

    /// <summary>
    /// Starts the box on the configuration <paramref name="configuration"/> writes for (the test's folder, the data
    /// folder it must use; it may put other files, a board file, in the folder) and waits (at most 60 s) until its admin
    /// site listens. The configuration must have an <c>admin.urls</c> of <c>http://127.0.0.1:0</c>.
    /// </summary>
    public static async Task<RunningBox> StartAsync(Func<string, string, string> configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = TestPaths.NewTempFolder();
        var data = folder.File("data");
        await File.WriteAllTextAsync(folder.File("faxbox.json"), configuration(folder.Path, data));
        // The administrator password, set as `faxbox admin passwd` would before the first start.
        Assert.True(new AdminCredentialStore(data, TimeProvider.System).TrySetInitialPassword(AdminTestSite.AdminPassword));
        var output = new StringWriter();
        var error = new StringWriter();
        var stop = new CancellationTokenSource();
        var invocation = new InvocationConfiguration { Output = TextWriter.Synchronized(output), Error = TextWriter.Synchronized(error) };
        var run = Task.Run(() => FaxBoxCommandLine.Create().Parse(["run", "--config", folder.File("faxbox.json"), "--for", "00:05:00"]).InvokeAsync(invocation, stop.Token));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            if (AdminLine().Match(output.ToString()) is { Success: true } match && output.ToString().Contains("faxbox: ready", StringComparison.Ordinal))
            {
                return new RunningBox(folder, stop, run, output, error, new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
            }

            await Task.Delay(50);
        }

        await stop.CancelAsync();
        var exit = run.IsCompleted ? await run : -1;
        stop.Dispose();
        folder.Dispose();
        throw new InvalidOperationException($"the box did not start (exit {exit}): {output}{error}");
    }

    /// <summary>A plain HTTP client for the admin site.</summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client signed in as the administrator (the password was set in the data folder before the box started).</summary>
    public Task<HttpClient> CreateAuthenticatedClientAsync() => AdminTestSite.SignInAsync(CreateClient());

    /// <summary>Signs <paramref name="page"/> in as the administrator through the login form.</summary>
    public static Task LoginAsync(IPage page) => AdminTestSite.SignInAsync(page);

    /// <summary>Stops the box as SIGTERM would (at most 30 s) and asserts it exited 0; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        int exit;
        try
        {
            exit = await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"faxbox run did not stop within 30 s of SIGTERM: {_output}{_error}", e);
        }

        _stop.Dispose();
        _folder.Dispose();
        Assert.True(exit == 0, $"faxbox run ended with {exit}: {_error}");
    }

    [GeneratedRegex(@"faxbox: admin web site on (http://127\.0\.0\.1:\d+/?)")]
    private static partial Regex AdminLine();
}
