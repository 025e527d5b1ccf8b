using FaxBox.Testing.Interop;

namespace FaxBox.Admin.Tests.Diagnostics;

/// <summary>Wireshark's tshark reading a capture file: the independent judge of the box's pcap files.</summary>
internal static class Tshark
{
    /// <summary>One line per packet with the given fields (tab-separated), for packets matching <paramref name="filter"/>.</summary>
    public static async Task<string[]> FieldsAsync(string file, string filter, params string[] fields)
    {
        var arguments = new List<string> { "-n", "-r", file, "-Y", filter, "-T", "fields", "-E", "separator=/t" };
        foreach (var field in fields)
        {
            arguments.AddRange(["-e", field]);
        }

        await using var process = ExternalProcess.Start(ExternalProcess.Which("tshark"), arguments, Path.GetDirectoryName(file)!);
        var exit = await process.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"tshark {string.Join(' ', arguments)}: exit {exit}: {process.Output}");
        return process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r'))
            .Where(l => !l.StartsWith("Running as user", StringComparison.Ordinal) && !l.Contains("tshark:", StringComparison.Ordinal))
            .ToArray();
    }
}
