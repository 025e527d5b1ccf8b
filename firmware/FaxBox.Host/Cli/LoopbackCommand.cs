using System.CommandLine;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.Host.Diagnostics;

namespace FaxBox.Host.Cli;

/// <summary><c>faxbox fax loopback</c>: an in-process fax call; the box's fax readiness test.</summary>
internal static class LoopbackCommand
{
    public static Command Create()
    {
        var path = Choice("--path", "Fax path: audio, gateway-to-terminal, terminal-to-gateway or gateway-to-gateway.", "audio", LoopbackNames.Paths.Keys);
        var modem = Choice("--modem", "Image modem both terminals offer: v17, v29 or v27ter.", "v17", LoopbackNames.Modems.Keys);
        var ecm = Choice("--ecm", "Error correction mode: on or off.", "on", ["on", "off"]);
        var codec = Choice("--codec", "What the audio legs pass through: linear, alaw or ulaw.", "alaw", LoopbackNames.Codecs.Keys);
        var pages = new Option<int>("--pages") { Description = "Pages of the generated test document (ignored with --input).", DefaultValueFactory = _ => 1 };
        var input = new Option<FileInfo?>("--input") { Description = "A TIFF to send instead of generated test pages." };
        var loss = new Option<double>("--loss") { Description = "Percentage of T.38 datagrams lost on each T.38 leg (0-100).", DefaultValueFactory = _ => 0 };
        var redundancy = new Option<int>("--redundancy") { Description = "Earlier IFPs repeated in each UDPTL datagram (0-8).", DefaultValueFactory = _ => 0 };
        var noise = new Option<double?>("--noise") { Description = "White noise added to every audio leg, in dBm0 (for example -50)." };
        var seed = new Option<int>("--seed") { Description = "Seed for loss and noise, to repeat a run exactly.", DefaultValueFactory = _ => 1 };
        var engine = Choice("--engine", "Fax engine: native (libspandsp) or managed.", "native", EngineFactory.Names);
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for sent.tif, received.tif and report.json.", DefaultValueFactory = _ => new DirectoryInfo("loopback-out") };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the summary line." };

        var command = new Command(
            "loopback",
            "Run an in-process fax call through the box's own fax engine and report whether the document arrived pixel-identical. Exit code 0 only for a complete, identical transfer.")
        {
            path, modem, ecm, codec, pages, input, loss, redundancy, noise, seed, engine, output, quiet,
        };

        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            try
            {
                var options = new LoopbackOptions
                {
                    Path = LoopbackNames.Paths[parse.GetValue(path)!],
                    Modem = LoopbackNames.Modems[parse.GetValue(modem)!],
                    Ecm = parse.GetValue(ecm) == "on",
                    Codec = LoopbackNames.Codecs[parse.GetValue(codec)!],
                    Pages = parse.GetValue(pages),
                    Input = parse.GetValue(input)?.FullName,
                    LossPercent = parse.GetValue(loss),
                    Redundancy = parse.GetValue(redundancy),
                    NoiseDbm0 = parse.GetValue(noise),
                    Seed = parse.GetValue(seed),
                    OutputDirectory = parse.GetValue(output)!.FullName,
                };
                options.Validate();
                if (options.Input is { } file && !File.Exists(file))
                {
                    return GlobalOptions.Fail(parse, $"{file}: no such file");
                }

                using var loggerFactory = GlobalOptions.CreateLoggerFactory(parse);
                var runner = new FaxLoopback(EngineFactory.Create(parse.GetValue(engine)!, loggerFactory));
                if (!parse.GetValue(quiet))
                {
                    runner.Progress += line => stdout.WriteLine($"  {line}");
                }

                var report = runner.Run(options);
                stdout.WriteLine(Summary(report));
                stdout.WriteLine($"report: {Path.Combine(options.OutputDirectory, "report.json")}");
                return report.Success ? 0 : 2;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or FaxEngineUnavailableException or FaxDocumentException)
            {
                return GlobalOptions.Fail(parse, e.Message);
            }
        });
        return command;
    }

    internal static string Summary(LoopbackReport r) =>
        $"{(r.Success ? "PASS" : "FAIL")} {r.Path} {r.Modem} ecm={(r.EcmOffered ? "on" : "off")} {r.Codec}: " +
        $"{r.Pages}/{r.PagesSent} pages, {r.BitRate} bit/s{(r.Ecm ? " ECM" : string.Empty)}, {r.DifferingPixels} differing pixels, " +
        $"T.30 '{r.T30Text}' / sender '{r.SenderT30Text}', {r.SimulatedSeconds:0.0} s simulated in {r.CpuSeconds:0.00} s CPU";

    private static Option<string> Choice(string name, string description, string defaultValue, IEnumerable<string> values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong([.. values]);
        return option;
    }
}
