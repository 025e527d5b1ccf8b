using System.Diagnostics;
using System.Text.Json;
using FaxBox.Core;
using FaxBox.Fax;

namespace FaxBox.Host.Diagnostics;

/// <summary>
/// An in-process fax call between two ends of the box's own fax engine, along one of four paths, clocked frame by
/// frame as fast as the CPU allows. It is the box's fax readiness test: it proves the engine, codecs and T.38 relay
/// work, and with loss and noise shows how much impairment the box tolerates.
/// </summary>
internal sealed class FaxLoopback(IFaxEngine engine)
{
    private const string SenderIdent = "+1 555 0100";
    private const string ReceiverIdent = "+1 555 0199";

    /// <summary>Raised with one line of progress text (phase B, each page, phase E).</summary>
    public event Action<string>? Progress;

    public LoopbackReport Run(LoopbackOptions options)
    {
        options.Validate();
        var output = Path.GetFullPath(options.OutputDirectory);
        LoopbackFiles.EnsureWritableDirectory(output);

        var sent = Path.Combine(output, "sent.tif");
        if (options.Input is { } input)
        {
            LoopbackDocuments.PrepareInput(input, sent);
        }
        else
        {
            LoopbackDocuments.WriteTestPages(sent, options.Pages);
        }

        var receivedPart = Path.Combine(output, "received.tif.part");
        var received = Path.Combine(output, "received.tif");
        File.Delete(received);
        File.Delete(receivedPart);

        var random = new Random(options.Seed);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var call = new LoopbackCall(engine, options, sent, receivedPart, random, SenderIdent, ReceiverIdent);
        call.Progress += line => Progress?.Invoke(line);
        LoopbackCallResult result;
        try
        {
            result = call.Run();
        }
        finally
        {
            call.Dispose();
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

        var sentPages = LoopbackDocuments.CountPages(sent);
        long differing;
        string? receivedFile = null;
        var receivedPages = 0;
        if (File.Exists(receivedPart))
        {
            File.Move(receivedPart, received, overwrite: true);
            receivedFile = received;
            (receivedPages, differing) = LoopbackDocuments.Compare(sent, received);
        }
        else
        {
            differing = LoopbackDocuments.TotalPixels(sent);
        }

        var rx = result.Receiver;
        var tx = result.Sender;
        var report = new LoopbackReport
        {
            Success = tx?.Success == true && rx?.Success == true && receivedPages == sentPages && differing == 0,
            Engine = engine.Name,
            Path = LoopbackNames.Of(options.Path),
            Modem = LoopbackNames.Of(options.Modem),
            EcmOffered = options.Ecm,
            Codec = LoopbackNames.Of(options.Codec),
            LossPercent = options.LossPercent,
            Redundancy = options.Redundancy,
            NoiseDbm0 = options.NoiseDbm0,
            Seed = options.Seed,
            PagesSent = sentPages,
            Pages = receivedPages,
            BitRate = rx?.Statistics.BitRate ?? 0,
            Ecm = rx?.Statistics.Ecm ?? false,
            T30Code = rx?.T30Code ?? -1,
            T30Text = rx?.T30Text ?? "no result",
            SenderT30Code = tx?.T30Code ?? -1,
            SenderT30Text = tx?.T30Text ?? "no result",
            DifferingPixels = differing,
            BadRows = rx?.Statistics.BadRows ?? 0,
            SimulatedSeconds = result.Simulated.TotalSeconds,
            CpuSeconds = Math.Round(cpu, 3),
            DatagramsSent = result.DatagramsSent,
            DatagramsLost = result.DatagramsLost,
            IfpsRecovered = result.IfpsRecovered,
            IfpsLost = result.IfpsLost,
            ReceivedFile = receivedFile,
        };

        LoopbackFiles.WriteJson(Path.Combine(output, "report.json"), report);
        return report;
    }

    /// <summary>JSON settings of report.json: camelCase, indented.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
