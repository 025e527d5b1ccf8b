using System.Globalization;

namespace FaxBox.Testing.Interop;

/// <summary>
/// tshark capturing one port on the loopback interface into a temp pcapng file while a test runs, then decoding it
/// (SIP forced on that port) to count SIP packets and malformed or error-level packets.
/// </summary>
internal sealed class TsharkCapture : IAsyncDisposable
{
    private readonly ExternalProcess _capture;
    private readonly string _folder;
    private readonly int _port;

    private TsharkCapture(ExternalProcess capture, string folder, int port)
    {
        _capture = capture;
        _folder = folder;
        _port = port;
    }

    public string File => Path.Combine(_folder, "capture.pcapng");

    public static async Task<TsharkCapture> StartAsync(int port)
    {
        string folder = Directory.CreateTempSubdirectory("faxbox-tshark-").FullName;
        string p = port.ToString(CultureInfo.InvariantCulture);
        var capture = ExternalProcess.Start("tshark", ["-i", "lo", "-f", $"port {p}", "-w", Path.Combine(folder, "capture.pcapng"), "-q"], folder);
        var result = new TsharkCapture(capture, folder, port);
        for (int i = 0; i < 200 && !capture.Output.Contains("Capturing on", StringComparison.Ordinal); i++)
        {
            if (capture.HasExited)
            {
                throw new InvalidOperationException($"tshark could not capture on lo:\n{capture.Output}");
            }

            await Task.Delay(50);
        }

        await Task.Delay(500); // dumpcap reports before its filter is attached; give it a moment under load
        return capture.Output.Contains("Capturing on", StringComparison.Ordinal)
            ? result
            : throw new TimeoutException($"tshark did not start capturing within 10 s:\n{capture.Output}");
    }

    /// <summary>
    /// Waits (bounded, 15 s) until at least <paramref name="expectedSip"/> SIP packets are in the file, then stops the capture
    /// (SIGINT, so the file is closed cleanly) and decodes it.
    /// </summary>
    public async Task<(int Sip, int Malformed, string Summary)> StopAndDecodeAsync(int expectedSip)
    {
        string p0 = _port.ToString(CultureInfo.InvariantCulture);
        for (int i = 0; i < 30; i++)
        {
            if (System.IO.File.Exists(File) && await CountAsync(["-d", $"udp.port=={p0},sip", "-d", $"tcp.port=={p0},sip", "-Y", "sip"]) >= expectedSip)
            {
                break;
            }

            await Task.Delay(500);
        }
        await using (var interrupt = ExternalProcess.Start("kill", ["-INT", _capture.Id.ToString(CultureInfo.InvariantCulture)], _folder))
        {
            await interrupt.WaitAsync(TimeSpan.FromSeconds(10));
        }

        await _capture.WaitAsync(TimeSpan.FromSeconds(15));
        string p = _port.ToString(CultureInfo.InvariantCulture);
        string[] decodeAs = ["-d", $"udp.port=={p},sip", "-d", $"tcp.port=={p},sip"];
        int sip = await CountAsync([.. decodeAs, "-Y", "sip"]);
        int malformed = await CountAsync([.. decodeAs, "-Y", "_ws.malformed || _ws.expert.severity == error"]);
        string summary = await RunAsync([.. decodeAs, "-Y", "sip"]);
        return (sip, malformed, summary);
    }

    public async ValueTask DisposeAsync()
    {
        await _capture.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Counts packet summary lines (they start with the frame number); tshark's notes on stderr are not packets.</summary>
    private async Task<int> CountAsync(string[] filter) =>
        (await RunAsync(filter)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.TrimStart().Length > 0 && char.IsAsciiDigit(line.TrimStart()[0]));

    private async Task<string> RunAsync(string[] args)
    {
        await using var read = ExternalProcess.Start("tshark", ["-r", File, .. args], _folder);
        int code = await read.WaitAsync(TimeSpan.FromSeconds(60));
        return code == 0 ? read.Output : throw new InvalidOperationException($"tshark -r failed ({code}):\n{read.Output}");
    }
}
