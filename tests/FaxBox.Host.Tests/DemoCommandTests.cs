using System.Text.Json;
using System.Text.RegularExpressions;
using FaxBox.Core.Status;
using FaxBox.Fax.Documents;
using FaxBox.Fax.SpanDsp;
using FaxBox.Host.Appliance;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Host.Tests;

/// <summary>
/// <c>faxbox demo</c> in-process: two boxes on 127.0.0.1 with real SIP and media sockets, a virtual fax machine on each
/// FXS port, faster than real time on the paced virtual clock.
/// </summary>
public sealed partial class DemoCommandTests
{
    [Fact]
    public void The_default_demo_relays_three_pages_over_T38_pixel_identical_into_a_printed_temp_folder()
    {
        var (exit, output, error) = CommandLineRunner.Run("demo");

        var folder = Path.GetDirectoryName(SummaryPath().Match(output).Groups[1].Value);
        try
        {
            Assert.True(exit == 0, $"{error}\n{output}");
            Assert.Contains("re-INVITE done, T.38 relay", output, StringComparison.Ordinal);
            Assert.Contains("A: fxs0 fax machine: page 3 of 3 sent", output, StringComparison.Ordinal);
            Assert.Contains("B: fxs0 fax machine: page 3 received", output, StringComparison.Ordinal);
            Assert.Contains("mode: T.38 (box B: box re-INVITE on Ced; box A: peer re-INVITE to T.38)", output, StringComparison.Ordinal);
            Assert.Contains("fax: 3 page(s), 14400 bit/s, ECM on", output, StringComparison.Ordinal);
            Assert.Contains("PASS: the received pages are pixel-identical to the sent ones (3 page(s)) over T.38", output, StringComparison.Ordinal);
            Assert.StartsWith(Path.GetTempPath(), folder, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder!, "received.tif")), output);
        }
        finally
        {
            if (folder is { Length: > 0 } && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void With_g711_box_B_s_T38_re_INVITE_is_refused_with_488_and_the_fax_goes_through_over_G711()
    {
        using var folder = TestPaths.NewTempFolder();

        var (exit, output, error) = CommandLineRunner.Run("demo", "--g711", "--pages", "1", "--out", folder.Path);

        Assert.True(exit == 0, $"{error}\n{output}");
        Assert.Contains("mode: G.711 (box B: T.38 refused: 488", output, StringComparison.Ordinal);
        Assert.Contains("PASS: the received pages are pixel-identical to the sent ones (1 page(s)) over G.711", output, StringComparison.Ordinal);
        Assert.DoesNotContain("T.38 relay", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Five_percent_loss_at_box_A_is_recovered_by_UDPTL_redundancy()
    {
        using var folder = TestPaths.NewTempFolder();

        var (exit, output, error) = CommandLineRunner.Run("demo", "--loss", "5", "--pages", "1", "--out", folder.Path);

        Assert.True(exit == 0, $"{error}\n{output}");
        Assert.Contains("5 % of media datagrams dropped each way", output, StringComparison.Ordinal);
        Assert.Contains("mode: T.38", output, StringComparison.Ordinal);
        var recovered = long.Parse(Recovered().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(recovered > 0, output);
        Assert.Contains("pixel-identical", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_keeps_sent_received_and_a_summary_json_with_both_records_and_the_comparison()
    {
        using var folder = TestPaths.NewTempFolder();

        var (exit, output, error) = CommandLineRunner.Run("demo", "--pages", "2", "--out", folder.Path);

        Assert.True(exit == 0, $"{error}\n{output}");
        Assert.Equal(["received.tif", "sent.tif", "summary.json"], folder.Files());
        Assert.True(FaxDocumentComparer.Compare(folder.File("sent.tif"), folder.File("received.tif")).Identical);
        var summary = JsonSerializer.Deserialize<DemoSummary>(File.ReadAllText(folder.File("summary.json")), DemoSummary.Json)!;
        Assert.True(summary.Passed, summary.Reason);
        Assert.Null(summary.Reason);
        Assert.True(summary.PixelIdentical);
        Assert.Equal((2, 2, 0L), (summary.SentPages, summary.ReceivedPages, summary.DifferingPixels));
        Assert.Equal(folder.File("received.tif"), summary.Received);
        foreach (var record in new[] { summary.BoxA!, summary.BoxB! })
        {
            Assert.True(record.Success, record.Result);
            Assert.Equal(2, record.Pages);
            Assert.Equal(CallMediaMode.T38, record.Mode);
            Assert.NotNull(record.T38);
        }

        Assert.Equal(("outbound", "inbound"), (summary.BoxA!.Direction, summary.BoxB!.Direction));
        Assert.True(summary.Sender!.Success && summary.Receiver!.Success);

        // Stamped with simulated time: two dense pages at 14400 bit/s take minutes, however fast the demo ran.
        Assert.InRange((summary.BoxB.Ended - summary.BoxB.Started).TotalSeconds, 150, 400);
        Assert.True(summary.SimulatedSeconds > summary.WallSeconds, $"{summary.SimulatedSeconds} simulated, {summary.WallSeconds} wall");
    }

    [Fact]
    public async Task A_fax_that_does_not_finish_in_time_fails_with_the_reason_and_still_leaves_a_summary()
    {
        using var folder = TestPaths.NewTempFolder();
        var output = new StringWriter();
        var run = new DemoRun(
            new DemoOptions { Pages = 1, OutputFolder = folder.Path, SimulatedLimit = TimeSpan.FromSeconds(30) },
            new SpanDspFaxEngine(NullLoggerFactory.Instance),
            NullLoggerFactory.Instance,
            output);

        var summary = await run.RunAsync(CancellationToken.None);

        Assert.False(summary.Passed);
        Assert.StartsWith("the fax did not finish within", summary.Reason, StringComparison.Ordinal);
        Assert.False(summary.PixelIdentical);
        Assert.Contains("\"passed\": false", File.ReadAllText(folder.File("summary.json")), StringComparison.Ordinal);
        Assert.Contains("FAIL: the fax did not finish", string.Join('\n', FaxBox.Host.Cli.DemoCommand.Summary(summary, folder.Path)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1883", "--mqtt: 'http://127.0.0.1:1883': scheme 'http' is not mqtt:// or mqtts://")]
    [InlineData("mqtt://user:secret@127.0.0.1", "--mqtt: credentials do not belong in the URL (it is logged): use mqtt.username and mqtt.password")]
    public void A_bad_mqtt_url_is_refused_before_anything_starts(string url, string message)
    {
        var (exit, output, error) = CommandLineRunner.Run("demo", "--mqtt", url);

        Assert.Equal(1, exit);
        Assert.Contains($"faxbox: {message}", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--pages", "0", "--pages: 0 is not 1 to 15")]
    [InlineData("--pages", "16", "--pages: 16 is not 1 to 15")]
    [InlineData("--loss", "60", "--loss: 60 is not 0 to 50 (percent)")]
    public void Out_of_range_options_are_rejected_naming_the_option(string option, string value, string message)
    {
        using var folder = TestPaths.NewTempFolder();

        var (exit, output, error) = CommandLineRunner.Run("demo", option, value, "--out", folder.Path);

        Assert.Equal(1, exit);
        Assert.Contains($"faxbox: {message}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("box A", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_time_refuses_more_pages_than_fit_its_ten_minute_bound()
    {
        using var folder = TestPaths.NewTempFolder();

        var (exit, _, error) = CommandLineRunner.Run("demo", "--real-time", "--pages", "6", "--out", folder.Path);

        Assert.Equal(1, exit);
        Assert.Contains("faxbox: --pages: 6 pages take about 10 minutes in real time; with --real-time at most 5 fit", error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"summary: (\S+summary\.json)")]
    private static partial Regex SummaryPath();

    [GeneratedRegex(@"recovered by redundancy: (\d+)")]
    private static partial Regex Recovered();
}
