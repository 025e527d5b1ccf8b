using System.Globalization;

namespace FaxBox.Testing.Interop;

/// <summary>Runs one sipp (Debian sip-tester) scenario to completion, bounded in time; the exit code says whether it passed.</summary>
internal static class SippRunner
{
    /// <summary>Waits (bounded, 5 s) until something is bound to UDP <paramref name="port"/> on 127.0.0.1: sipp is listening.</summary>
    public static async Task WaitListeningAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            try
            {
                probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            }
            catch (System.Net.Sockets.SocketException)
            {
                return;
            }

            probe.Close();
            await Task.Delay(50);
        }

        throw new TimeoutException($"sipp did not bind UDP port {port} within 5 s");
    }

    /// <summary>Scenario files kept with a test project's own tests (copied to the output folder under Interop/Scenarios).</summary>
    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", "Scenarios", name);

    /// <summary>
    /// Replay scenarios of the shared captures (tests/Shared/Interop/Replays, copied to the output folder under
    /// Interop/Replays by the test projects that use them); fails clearly when the project does not copy them.
    /// </summary>
    public static string Replay(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Interop", "Replays", name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"replay scenario {name} is not in the output folder: the test project must copy tests/Shared/Interop/Replays/* to Interop/Replays", path);
    }

    /// <summary>
    /// Fails clearly unless sipp can play pcap media: its <c>play_pcap_audio</c>/<c>play_pcap_image</c> send through a raw
    /// socket, which needs root or CAP_NET_RAW on the sipp binary (tools/lib/common.sh install_sip_peers grants it).
    /// </summary>
    public static async Task RequirePcapPlayAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            return;
        }

        string sipp = ExternalProcess.Which("sipp");
        await using var getcap = ExternalProcess.Start(ExternalProcess.Which("getcap"), [sipp], Path.GetTempPath());
        await getcap.WaitAsync(TimeSpan.FromSeconds(10));
        if (!getcap.Output.Contains("cap_net_raw", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"sipp plays pcap media through a raw socket: run the tests as root or grant it with 'setcap cap_net_raw+ep {sipp}' (tools/test does, through install_sip_peers in tools/lib/common.sh)");
        }
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> against <paramref name="remote"/>. sipp runs in a fresh temp folder (removed
    /// afterwards); <paramref name="files"/> are copied into it first under the given names, so a scenario can name the
    /// pcap files it plays (<c>play_pcap_audio="sender-audio.pcap"</c>) relative to its working folder.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string scenario,
        string remote,
        IEnumerable<string> extra,
        TimeSpan limit,
        int calls = 1,
        int? localPort = null,
        IReadOnlyDictionary<string, string>? files = null)
    {
        string folder = Directory.CreateTempSubdirectory("faxbox-sipp-").FullName;
        try
        {
            foreach (var (name, source) in files ?? new Dictionary<string, string>())
            {
                File.Copy(source, Path.Combine(folder, name));
            }

            var args = new List<string>
            {
                remote, "-sf", scenario, "-i", "127.0.0.1", "-p", (localPort ?? FreePorts.UdpAndTcp()).ToString(CultureInfo.InvariantCulture),
                "-m", calls.ToString(CultureInfo.InvariantCulture), "-nostdin", "-timeout", $"{(int)limit.TotalSeconds}s", "-timeout_error",
                "-trace_err", "-error_file", Path.Combine(folder, "errors.log"),
            };
            if (scenario.StartsWith("builtin:", StringComparison.Ordinal))
            {
                args[1] = "-sn";
                args[2] = scenario["builtin:".Length..];
            }

            args.AddRange(extra);
            await using var process = ExternalProcess.Start("sipp", args, folder);
            int code = await process.WaitAsync(limit + TimeSpan.FromSeconds(10));
            string errors = File.Exists(Path.Combine(folder, "errors.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "errors.log")) : string.Empty;
            return (code, process.Output + errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
