using System.Globalization;

namespace FaxBox.Sip.Tests.Interop;

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

    /// <summary>Scenario files kept with the tests (copied to the output folder).</summary>
    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", "Scenarios", name);

    public static async Task<(int ExitCode, string Output)> RunAsync(string scenario, string remote, IEnumerable<string> extra, TimeSpan limit, int calls = 1, int? localPort = null)
    {
        string folder = Directory.CreateTempSubdirectory("faxbox-sipp-").FullName;
        try
        {
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
