using System.Diagnostics;
using System.Globalization;

namespace FaxBox.Fax.SpanDsp.Tests.T30Monitor;

/// <summary>
/// The T.30 frames tshark dissects from a T.38 capture (<c>tshark -Y t30</c>), as (UDP source port, frame type, FIF
/// number for CSI/TSI). tshark prints the facsimile control field most significant bit first with the X bit removed, so
/// it is bit-reversed back into this project's <see cref="T30FrameType"/> notation. tshark is installed by tools/test.
/// </summary>
internal static class TsharkT30
{
    public static List<(int SourcePort, T30FrameType Type, string Number)> Read(string capture)
    {
        var start = new ProcessStartInfo("tshark")
        {
            ArgumentList = { "-r", capture, "-Y", "t30", "-T", "fields", "-E", "separator=/t", "-e", "udp.srcport", "-e", "t30.FacsimileControl", "-e", "t30.fif.number" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tshark could not be started (tools/test installs it)");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark -r {capture} failed: {stderr.Result}");
        }

        var result = new List<(int, T30FrameType, string)>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            var port = int.Parse(fields[0], CultureInfo.InvariantCulture);
            var tsharkCode = int.Parse(fields[1], CultureInfo.InvariantCulture);
            result.Add((port, T30Frames.TypeOf(Reverse((byte)tsharkCode)), fields.Length > 2 ? fields[2].Trim() : string.Empty));
        }

        return result;
    }

    private static byte Reverse(byte b)
    {
        var r = 0;
        for (var i = 0; i < 8; i++)
        {
            r |= ((b >> i) & 1) << (7 - i);
        }

        return (byte)r;
    }
}
