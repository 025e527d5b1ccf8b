using System.Globalization;

namespace FaxBox.Sip.Tests.Interop;

/// <summary>Runs one sipp (Debian sip-tester) scenario to completion, bounded in time; the exit code says whether it passed.</summary>
internal static class SippRunner
{
    /// <summary>Scenario files kept with the tests (copied to the output folder).</summary>
    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", "Scenarios", name);

    public static async Task<(int ExitCode, string Output)> RunAsync(string scenario, string remote, IEnumerable<string> extra, TimeSpan limit, int calls = 1)
    {
        string folder = Directory.CreateTempSubdirectory("faxbox-sipp-").FullName;
        try
        {
            var args = new List<string>
            {
                remote, "-sf", scenario, "-i", "127.0.0.1", "-p", FreePorts.UdpAndTcp().ToString(CultureInfo.InvariantCulture),
                "-m", calls.ToString(CultureInfo.InvariantCulture), "-nostdin", "-timeout", $"{(int)limit.TotalSeconds}s", "-timeout_error",
                "-trace_err", "-error_file", Path.Combine(folder, "errors.log"),
            };
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
