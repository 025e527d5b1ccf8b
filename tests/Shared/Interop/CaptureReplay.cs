using System.Globalization;

namespace FaxBox.Testing.Interop;

/// <summary>
/// One of the shared Asterisk captures (captures/README.md) prepared for replay with sipp: the media ports each party
/// announced in SDP are read from the capture with tshark, and one party's media in one direction is cut out, at test
/// time, into a classic pcap file that sipp's <c>play_pcap_audio</c>/<c>play_pcap_image</c> plays with the capture's
/// timing. In every capture the calling instance ("B", SIP port 5068) sends the fax and the called one ("A", 5070)
/// receives it and re-INVITEs to T.38.
/// </summary>
internal sealed class CaptureReplay
{
    /// <summary>The calling, sending Asterisk's SIP port in the captures.</summary>
    public const int SenderSipPort = 5068;

    /// <summary>The called, receiving Asterisk's SIP port in the captures.</summary>
    public const int ReceiverSipPort = 5070;

    private readonly List<(int SipPort, string Media, int Port)> _ports;

    private CaptureReplay(string path, List<(int SipPort, string Media, int Port)> ports)
    {
        Path = path;
        _ports = ports;
    }

    /// <summary>The capture file.</summary>
    public string Path { get; }

    /// <summary>Reads the SDP media ports of <c>captures/<paramref name="file"/></c> (tshark, bounded to 60 s).</summary>
    public static async Task<CaptureReplay> OpenAsync(string file)
    {
        string path = TestPaths.SharedFile("captures/" + file);
        string fields = await TsharkAsync(["-r", path, "-Y", "sip && sdp", "-T", "fields", "-e", "udp.srcport", "-e", "sdp.media.media", "-e", "sdp.media.port"]);
        var ports = new List<(int, string, int)>();
        foreach (string line in fields.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] f = line.Split('\t');
            if (f.Length == 3 && int.TryParse(f[0], CultureInfo.InvariantCulture, out int sip) && int.TryParse(f[2], CultureInfo.InvariantCulture, out int port))
            {
                ports.Add((sip, f[1], port));
            }
        }

        return ports.Count > 0 ? new CaptureReplay(path, ports) : throw new InvalidDataException($"{path}: tshark found no SDP media lines:\n{fields}");
    }

    /// <summary>
    /// The first port the party on <paramref name="sipPort"/> announced for <paramref name="media"/> ("audio" or
    /// "image"), or a clear failure naming the capture.
    /// </summary>
    public int MediaPort(int sipPort, string media)
    {
        foreach (var (sip, m, port) in _ports)
        {
            if (sip == sipPort && m == media && port != 0)
            {
                return port;
            }
        }

        throw new InvalidDataException($"{Path}: no m={media} line from SIP port {sipPort}");
    }

    /// <summary>
    /// Writes the UDP datagrams sent from <paramref name="sourcePort"/> (RTP or UDPTL, never SIP) to a classic pcap file
    /// <paramref name="destination"/> and returns how many there are.
    /// </summary>
    public async Task<int> ExtractAsync(int sourcePort, string destination)
    {
        string p = sourcePort.ToString(CultureInfo.InvariantCulture);
        await TsharkAsync(["-r", Path, "-Y", $"udp.srcport == {p} && !sip", "-F", "pcap", "-w", destination]);
        string count = await TsharkAsync(["-r", destination, "-T", "fields", "-e", "frame.number"]);
        int n = count.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Count(l => l.Length > 0 && char.IsAsciiDigit(l[0]));
        return n > 0 ? n : throw new InvalidDataException($"{Path}: no datagrams from UDP port {p}");
    }

    private static async Task<string> TsharkAsync(string[] args)
    {
        await using var tshark = ExternalProcess.Start("tshark", args, System.IO.Path.GetTempPath());
        int code = await tshark.WaitAsync(TimeSpan.FromSeconds(60));
        return code == 0 ? tshark.Output : throw new InvalidOperationException($"tshark {string.Join(' ', args)} failed ({code}):\n{tshark.Output}");
    }
}
