using System.Text.Json;
using FaxBox.Testing;

namespace FaxBox.Host.Tests;

/// <summary><c>faxbox fax loopback</c> and <c>faxbox run</c> as a user meets them: output, files, exit codes, errors.</summary>
public sealed class LoopbackCommandTests
{
    [Fact]
    public void A_clean_loopback_exits_0_prints_progress_and_writes_the_three_files()
    {
        using var temp = TestPaths.NewTempFolder();
        var (exit, output, error) = CommandLineRunner.Run("fax", "loopback", "--path", "gateway-to-gateway", "--input", LoopbackHarness.CaptureDocument, "--out", temp.Path);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("receiver: page 2 done at 14400 bit/s ECM", output, StringComparison.Ordinal);
        Assert.Contains("PASS gateway-to-gateway v17 ecm=on alaw: 2/2 pages", output, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.File("sent.tif")));
        Assert.True(File.Exists(temp.File("received.tif")));
        Assert.False(File.Exists(temp.File("received.tif.part")));

        using var report = JsonDocument.Parse(File.ReadAllText(temp.File("report.json")));
        var root = report.RootElement;
        Assert.True(root.GetProperty("success").GetBoolean());
        Assert.Equal(2, root.GetProperty("pages").GetInt32());
        Assert.Equal(14400, root.GetProperty("bitRate").GetInt32());
        Assert.True(root.GetProperty("ecm").GetBoolean());
        Assert.Equal(0, root.GetProperty("t30Code").GetInt32());
        Assert.Equal("OK", root.GetProperty("t30Text").GetString());
        Assert.Equal(0, root.GetProperty("differingPixels").GetInt64());
        Assert.InRange(root.GetProperty("simulatedSeconds").GetDouble(), 10, 60);
        Assert.True(root.GetProperty("cpuSeconds").GetDouble() >= 0);
    }

    [Fact]
    public void A_failed_fax_exits_2_and_its_report_says_why()
    {
        using var temp = TestPaths.NewTempFolder();
        var (exit, output, _) = CommandLineRunner.Run("fax", "loopback", "--input", LoopbackHarness.CaptureDocument, "--noise", "-45", "--quiet", "--out", temp.Path);

        Assert.Equal(2, exit);
        Assert.StartsWith("FAIL audio", output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(temp.File("report.json")));
        Assert.False(report.RootElement.GetProperty("success").GetBoolean());
        Assert.NotEqual(0, report.RootElement.GetProperty("t30Code").GetInt32());
        Assert.False(File.Exists(temp.File("received.tif")), "no received file when no page arrived");
    }

    [Fact]
    public void A_missing_input_is_a_one_line_error_naming_the_file()
    {
        using var temp = TestPaths.NewTempFolder();
        var missing = temp.File("nope.tif");
        var (exit, _, error) = CommandLineRunner.Run("fax", "loopback", "--input", missing, "--out", temp.File("out"));

        Assert.Equal(1, exit);
        Assert.Equal($"faxbox: {missing}: no such file", error.TrimEnd());
    }

    [Fact]
    public void A_corrupt_input_is_a_one_line_error_naming_the_file_and_leaves_no_received_fax()
    {
        using var temp = TestPaths.NewTempFolder();
        var bad = temp.File("bad.tif");
        File.WriteAllText(bad, "not a TIFF at all");
        var output = temp.File("out");
        var (exit, _, error) = CommandLineRunner.Run("fax", "loopback", "--input", bad, "--out", output);

        Assert.Equal(1, exit);
        Assert.StartsWith($"faxbox: {bad}: not a readable TIFF file", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(output, "received.tif")));
        Assert.False(File.Exists(Path.Combine(output, "report.json")));
    }

    [Fact]
    public void An_unwritable_output_folder_is_a_one_line_error_naming_the_folder()
    {
        using var temp = TestPaths.NewTempFolder();
        var file = temp.File("a-file");
        File.WriteAllText(file, "x");
        var (exit, _, error) = CommandLineRunner.Run("fax", "loopback", "--input", LoopbackHarness.Document, "--out", Path.Combine(file, "sub"));

        Assert.Equal(1, exit);
        Assert.StartsWith($"faxbox: {Path.Combine(file, "sub")}: output folder is not writable", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("--loss", "150", "--loss must be 0..100")]
    [InlineData("--redundancy", "20", "--redundancy must be 0..8")]
    [InlineData("--pages", "0", "--pages must be 1..500")]
    public void Out_of_range_options_are_refused_naming_the_option(string option, string value, string message)
    {
        using var temp = TestPaths.NewTempFolder();
        var (exit, _, error) = CommandLineRunner.Run("fax", "loopback", option, value, "--out", temp.Path);
        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_path_is_refused_by_the_parser_listing_the_choices()
    {
        var (exit, _, error) = CommandLineRunner.Run("fax", "loopback", "--path", "sideways");
        Assert.NotEqual(0, exit);
        Assert.Contains("gateway-to-gateway", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_managed_engine_says_it_is_not_available_yet()
    {
        using var temp = TestPaths.NewTempFolder();
        var (exit, _, error) = CommandLineRunner.Run("fax", "loopback", "--engine", "managed", "--input", LoopbackHarness.Document, "--out", temp.Path);
        Assert.Equal(1, exit);
        Assert.Contains("managed engine is not available yet", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_check_reports_the_native_library()
    {
        var (exit, output, _) = CommandLineRunner.Run("fax", "engine");
        Assert.Equal(0, exit);
        Assert.Contains("native: available (libspandsp.so.2, spandsp 0.0.6 ABI)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_verb_has_help()
    {
        foreach (var verb in new[] { new[] { "run" }, ["fax"], ["fax", "loopback"], ["fax", "engine"] })
        {
            var (exit, output, _) = CommandLineRunner.Run([.. verb, "--help"]);
            Assert.Equal(0, exit);
            Assert.Contains("Usage:", output, StringComparison.Ordinal);
        }
    }
}
