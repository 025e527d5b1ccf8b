using System.Diagnostics;
using System.Globalization;
using System.Text;
using FaxBox.Host.Configuration;

namespace FaxBox.Host.Tests.CrashTrials;

/// <summary>
/// One life of a real <c>faxbox run</c> process (<c>dotnet faxbox.dll</c>, the Release build beside the tests): started,
/// watched for "faxbox: ready", killed with SIGKILL or stopped with SIGTERM. Its output is appended to a shared log.
/// </summary>
internal sealed class BoxProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _log;
    private readonly string _name;

    private BoxProcess(string name, string config, StringBuilder log, IReadOnlyDictionary<string, string>? environment)
    {
        _name = name;
        _log = log;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        foreach (string a in (string[])[FaxboxDll, "run", "--config", config])
        {
            info.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Line(e.Data);
        _process.ErrorDataReceived += (_, e) => Line(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Append($"[{_name} pid {_process.Id} started]");
    }

    /// <summary>The Release (or Debug) faxbox.dll of the configuration these tests were built in.</summary>
    public static string FaxboxDll
    {
        get
        {
            string bin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar); // …/tests/FaxBox.Host.Tests/bin/Release/net10.0
            string framework = Path.GetFileName(bin);
            string configuration = Path.GetFileName(Path.GetDirectoryName(bin)!);
            return Path.Combine(TestPaths.Repository, "firmware", "FaxBox.Host", "bin", configuration, framework, "faxbox.dll");
        }
    }

    /// <summary>Completes when the box printed "faxbox: ready"; faults when it exited before.</summary>
    public Task Ready => _ready.Task;

    public bool HasExited => _process.HasExited;

    /// <summary>The process id (for /proc/PID).</summary>
    public int Id => _process.Id;

    /// <summary>
    /// Writes the built-in configuration, made safe for a test, to <c>faxbox.json</c> in <paramref name="folder"/> and
    /// returns its path: SIP and the admin site on ports the system picks, the trunk at a closed port, the embedded MQTT
    /// broker on <paramref name="brokerPort"/>, the data folder in <paramref name="folder"/>, debug logging.
    /// </summary>
    public static string WriteTestConfig(TempFolder folder, int brokerPort)
    {
        var json = FaxBoxConfiguration.EmbeddedDefaultText()
            .Replace("\"port\": 5060", "\"port\": 0", StringComparison.Ordinal)
            .Replace("127.0.0.1:5060", "127.0.0.1:5", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:8080", "http://127.0.0.1:0", StringComparison.Ordinal)
            .Replace("\"embeddedPort\": 1883", $"\"embeddedPort\": {brokerPort}", StringComparison.Ordinal)
            .Replace("\"logLevel\": \"information\"", "\"logLevel\": \"debug\"", StringComparison.Ordinal)
            .Replace("\"~/.local/share/faxbox\"", $"\"{folder.Path}\"", StringComparison.Ordinal);
        var config = folder.File("faxbox.json");
        File.WriteAllText(config, json);
        return config;
    }

    /// <summary>Starts <c>faxbox run --config CONFIG</c>, with <paramref name="environment"/> added to the test's.</summary>
    public static BoxProcess Start(string name, string config, StringBuilder log, IReadOnlyDictionary<string, string>? environment = null) =>
        new(name, config, log, environment);

    /// <summary>Waits for "faxbox: ready" at most <paramref name="limit"/>; fails the test naming the box otherwise.</summary>
    public async Task WaitReadyAsync(TimeSpan limit)
    {
        var done = await Task.WhenAny(_ready.Task, Task.Delay(limit)).ConfigureAwait(false);
        Assert.True(done == _ready.Task, $"{_name} not ready within {limit}");
        await _ready.Task.ConfigureAwait(false);
    }

    /// <summary>Waits at most <paramref name="limit"/> for the box to exit on its own; returns the exit code.</summary>
    public async Task<int> WaitExitAsync(TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(); // SIGKILL on Linux
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        Append($"[{_name} pid {_process.Id} killed]");
    }

    /// <summary>SIGTERM (a clean stop), then waits for exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        using var cancel = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException($"{_name} exited before it was ready"));
            return;
        }

        Append(line);
        if (line == "faxbox: ready")
        {
            _ready.TrySetResult();
        }
    }

    private void Append(string line)
    {
        lock (_log)
        {
            _log.Append(_name).Append(' ').AppendLine(line);
        }
    }
}
