using System.CommandLine;
using System.Globalization;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.Host.Appliance;
using FaxBox.Mqtt.Configuration;

namespace FaxBox.Host.Cli;

/// <summary>
/// <c>faxbox demo</c>: the appliance's main job in one command. Two boxes in this process on 127.0.0.1; a virtual fax
/// machine on box A's FXS port sends a generated multi-page document to number 201, box A's gateway calls box B's
/// over SIP, the fax goes over T.38 (or G.711 with <c>--g711</c>), and box B's FXS port rings the receiving machine.
/// Exit 0 only when the received pages are pixel-identical to the sent ones and both boxes' fax records say success;
/// 1 with the reason otherwise. With <c>--mqtt URL</c> both boxes publish their status there as they would in service.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var pages = new Option<int>("--pages") { Description = "Pages of the generated test document box A's fax machine sends (1-15; 1-5 with --real-time).", DefaultValueFactory = _ => 3 };
        var g711 = new Option<bool>("--g711") { Description = "Force the G.711 fallback: box A refuses T.38 (fax.t38 = never), so box B's T.38 re-INVITE gets 488 and B re-INVITEs to G.711." };
        var loss = new Option<double>("--loss") { Description = "Percentage of box A's RTP/UDPTL datagrams dropped, both ways (0-50); T.38 recovers them by UDPTL redundancy.", DefaultValueFactory = _ => 0 };
        var realTime = new Option<bool>("--real-time") { Description = "Tick the media in real time (about 2 minutes a page) instead of as fast as SIP allows." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for sent.tif, received.tif and summary.json (default: a new temporary folder, printed)." };
        var mqtt = new Option<string?>("--mqtt") { Description = "Publish both boxes' status to this MQTT broker (mqtt://host[:port] or mqtts://…) as devices demo-a and demo-b: topics faxbox/demo-a/… and faxbox/demo-b/…, Home Assistant discovery." };
        var command = new Command(
            "demo",
            "Two boxes in one process: a fax machine on box A's FXS port faxes a test document over SIP and T.38 to a fax machine on box B's FXS port. Exit 0 only if the received pages are pixel-identical.")
        {
            pages, g711, loss, realTime, output, mqtt,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse,
            parse.GetValue(pages),
            parse.GetValue(g711),
            parse.GetValue(loss),
            parse.GetValue(realTime),
            parse.GetValue(output),
            parse.GetValue(mqtt),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, int pages, bool g711, double loss, bool realTime, DirectoryInfo? output, string? mqtt, CancellationToken cancellationToken)
    {
        var stdout = parse.InvocationConfiguration.Output;
        if (mqtt is not null)
        {
            try
            {
                _ = MqttBrokerAddress.Parse(mqtt, "--mqtt");
            }
            catch (MqttConfigurationException e)
            {
                return GlobalOptions.Fail(parse, $"{e.Key}: {e.Reason}");
            }
        }

        var folder = output?.FullName ?? Path.Combine(Path.GetTempPath(), $"faxbox-demo-{DateTime.Now:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        DemoSummary summary;
        try
        {
            using var loggers = GlobalOptions.CreateLoggerFactory(parse);
            var run = new DemoRun(
                new DemoOptions { Pages = pages, ForceG711 = g711, LossPercent = loss, RealTime = realTime, OutputFolder = folder, MqttUrl = mqtt },
                EngineFactory.Create("native", loggers),
                loggers,
                stdout);
            summary = await run.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or FaxEngineUnavailableException or FaxDocumentException or CallControl.Configuration.GatewayConfigurationException)
        {
            return GlobalOptions.Fail(parse, e is CallControl.Configuration.GatewayConfigurationException g ? $"demo configuration: {g.Key}: {g.Reason}" : e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            GlobalOptions.Fail(parse, "demo interrupted");
            return 130;
        }

        foreach (var line in Summary(summary, folder))
        {
            stdout.WriteLine(line);
        }

        return summary.Passed ? 0 : GlobalOptions.Fail(parse, $"demo FAILED: {summary.Reason}");
    }

    /// <summary>The closing summary: both boxes' records, mode, duration, network, the files and the verdict.</summary>
    internal static IEnumerable<string> Summary(DemoSummary s, string folder)
    {
        yield return "";
        yield return "summary";
        foreach (var (box, record) in new[] { ("A", s.BoxA), ("B", s.BoxB) })
        {
            yield return record is null ? $"  box {box}: no fax record" : $"  box {box}: {RunCommand.FaxLine(record)}";
        }

        if (s.BoxB is { } b)
        {
            yield return $"  mode: {Mode(b.Mode)} (box B: {b.ModeReason}{(s.BoxA is { } a ? $"; box A: {a.ModeReason}" : "")})";
            if (b.T38 is { } t38)
            {
                yield return $"  T.38: version {t38.Version}, {t38.MaxBitRate} bit/s max, {t38.RateManagement}, {t38.ErrorCorrection}, peer max datagram {t38.RemoteMaxDatagram?.ToString(CultureInfo.InvariantCulture) ?? "not given"}";
            }

            yield return $"  fax: {b.Pages} page(s), {b.BitRate} bit/s, ECM {(b.Ecm ? "on" : "off")}, {(b.Ended - b.Started).TotalSeconds:0.0} s simulated from fax detection to hang-up";
        }

        foreach (var (box, record) in new[] { ("A", s.BoxA), ("B", s.BoxB) })
        {
            if (record is not null)
            {
                var n = record.Network;
                yield return $"  network at box {box}: {n.PacketsSent} packets sent, {n.PacketsReceived} received, {n.PacketsLost} lost, {n.RecoveredByRedundancy} recovered by redundancy, jitter {n.JitterMilliseconds:0.0} ms";
            }
        }

        yield return $"  recovered by redundancy: {(s.BoxA?.Network.RecoveredByRedundancy ?? 0) + (s.BoxB?.Network.RecoveredByRedundancy ?? 0)}";
        yield return $"  duration: {s.SimulatedSeconds:0.0} s simulated, {s.WallSeconds:0.0} s wall clock";
        yield return $"  sent: {s.Sent} ({s.SentPages} page(s))";
        yield return $"  received: {s.Received ?? "nothing"}{(s.Received is null ? "" : $" ({s.ReceivedPages} page(s))")}";
        yield return $"  summary: {Path.Combine(folder, "summary.json")}";
        yield return $"  pixels: {(s.PixelIdentical ? "pixel-identical" : "NOT identical")}: {s.Comparison}";
        yield return s.Passed
            ? $"PASS: the received pages are pixel-identical to the sent ones ({s.SentPages} page(s)) over {(s.BoxB is { } m ? Mode(m.Mode) : "?")}"
            : $"FAIL: {s.Reason}";
    }

    private static string Mode(CallMediaMode mode) => mode switch
    {
        CallMediaMode.T38 => "T.38",
        CallMediaMode.G711Fax => "G.711",
        _ => mode.ToString(),
    };
}
