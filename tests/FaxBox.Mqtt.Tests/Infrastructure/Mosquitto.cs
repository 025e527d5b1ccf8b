using System.Diagnostics;
using System.Globalization;

namespace FaxBox.Mqtt.Tests.Infrastructure;

/// <summary>
/// Debian's mosquitto (tools/test installs it), started with a generated configuration on 127.0.0.1 and a free port:
/// plain, or TLS with openssl-generated certificates and a mosquitto_passwd file; optionally with persistence, so a
/// restart keeps sessions and queued messages. Restartable on the same port; killed on dispose.
/// </summary>
internal sealed class Mosquitto : IDisposable
{
    public const string User = "faxbox";
    public const string Password = "s3cret-Pass";

    private readonly TempFolder _folder = new();
    private readonly string _config;
    private Process? _process;

    private Mosquitto(int port, bool tls, bool persistence)
    {
        Port = port;
        Tls = tls;
        var lines = new List<string>
        {
            $"listener {port} 127.0.0.1",
            $"log_dest file {_folder.File("mosquitto.log")}",
            "log_type all",
            $"persistence {(persistence ? "true" : "false")}",
        };
        if (Environment.UserName == "root")
        {
            lines.Add("user root"); // mosquitto drops root for user "mosquitto", who cannot read the test's key or persistence folder
        }
        if (persistence)
        {
            lines.Add($"persistence_location {_folder.Path}/");
            lines.Add("autosave_interval 1");
        }

        if (tls)
        {
            Certificates.Create(_folder.Path);
            Run("mosquitto_passwd", "-b", "-c", _folder.File("passwd"), User, Password);
            lines.Add($"cafile {CaFile}");
            lines.Add($"certfile {_folder.File("server.pem")}");
            lines.Add($"keyfile {_folder.File("server.key")}");
            lines.Add($"password_file {_folder.File("passwd")}");
            lines.Add("allow_anonymous false");
        }
        else
        {
            lines.Add("allow_anonymous true");
        }

        _config = _folder.File("mosquitto.conf");
        File.WriteAllLines(_config, lines);
    }

    public int Port { get; }

    public bool Tls { get; }

    /// <summary>The PEM of the CA that signed the broker's certificate (TLS only).</summary>
    public string CaFile => _folder.File("ca.pem");

    /// <summary>A PEM of an unrelated CA (TLS only), for pinning the wrong one.</summary>
    public string OtherCaFile => _folder.File("other-ca.pem");

    public string Url => $"{(Tls ? "mqtts" : "mqtt")}://127.0.0.1:{Port}";

    public string Log => File.Exists(_folder.File("mosquitto.log")) ? File.ReadAllText(_folder.File("mosquitto.log")) : "";

    public static async Task<Mosquitto> StartAsync(bool tls = false, bool persistence = false)
    {
        var broker = new Mosquitto(FreePort.Tcp(), tls, persistence);
        await broker.RestartAsync().ConfigureAwait(false);
        return broker;
    }

    /// <summary>Starts mosquitto (again, on the same port) and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        Stop();
        _process = Process.Start(new ProcessStartInfo("mosquitto", ["-c", _config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await FreePort.WaitListeningAsync(Port, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    /// <summary>Stops mosquitto with SIGTERM (it saves its persistence) and waits for it.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false } process)
        {
            Run("kill", "-TERM", process.Id.ToString(CultureInfo.InvariantCulture));
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                process.WaitForExit(5_000);
            }
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        _folder.Dispose();
    }

    internal static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error.Result}");
        }
    }
}
