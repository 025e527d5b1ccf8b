using System.CommandLine;
using System.Globalization;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Terminals;

namespace FaxBox.Host.Cli;

/// <summary>
/// <c>faxbox fax answer --listen ADDR:PORT --out DIR</c>: answers incoming SIP calls (any number) as a fax terminal and
/// writes each fax to <c>DIR/&lt;time&gt;-&lt;caller&gt;.tif</c>, with no running box. Exit 0 only when every one of the
/// <c>--count</c> faxes was received in full.
/// </summary>
internal static class FaxAnswerCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "The SIP address and port to answer on, ADDR:PORT (the address goes into SDP).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the received faxes (made if missing).", Required = true };
        var count = new Option<int>("--count") { Description = "How many faxes to take before exiting.", DefaultValueFactory = _ => 1 };
        var timeout = new Option<double>("--timeout") { Description = "Give up after this many seconds.", DefaultValueFactory = _ => 900 };
        var g711 = new Option<bool>("--g711") { Description = "Receive over G.711 audio only: no T.38 re-INVITE, and the caller's T.38 re-INVITE is refused." };
        var ident = new Option<string>("--ident") { Description = "The CSI the terminal answers with (at most 20 digits, spaces and '+').", DefaultValueFactory = _ => string.Empty };
        var command = new Command("answer", "Answer SIP calls as a fax terminal (T.38, or G.711) and write each fax to DIR/<time>-<caller>.tif, without a running box. Exit 0 only when every fax came in full.")
        {
            listen, output, count, timeout, g711, ident,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TerminalCliBox.TryParseListen(parse.GetValue(listen)!, out var endPoint, out var listenError))
            {
                return GlobalOptions.Fail(parse, $"fax answer: {listenError}");
            }

            var faxes = parse.GetValue(count);
            if (faxes is < 1 or > 10_000)
            {
                return GlobalOptions.Fail(parse, $"fax answer: --count must be 1 to 10000, not {faxes}");
            }

            var seconds = parse.GetValue(timeout);
            if (seconds is <= 0 or > 86_400)
            {
                return GlobalOptions.Fail(parse, $"fax answer: --timeout must be 1 to 86400 seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}");
            }

            var folder = parse.GetValue(output)!;
            try
            {
                folder.Create();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return GlobalOptions.Fail(parse, $"fax answer: --out {folder.FullName}: {e.Message}");
            }

            var terminal = new TerminalOptions
            {
                AnswerEveryNumber = true,
                Receive = parse.GetValue(g711) ? FaxTransport.G711 : FaxTransport.T38,
                LocalIdent = parse.GetValue(ident)!,
                MaxCalls = faxes,
            };
            var sink = new FolderFaxSink(folder.FullName, faxes, terminal.LocalIdent);
            return await RunAsync(parse, endPoint, terminal, sink, faxes, TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, System.Net.IPEndPoint listen, TerminalOptions terminal, FolderFaxSink sink, int faxes, TimeSpan limit, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        using var loggers = GlobalOptions.CreateLoggerFactory(parse);
        TerminalCliBox box;
        try
        {
            box = TerminalCliBox.Start(listen, terminal, loggers);
        }
        catch (GatewayConfigurationException e)
        {
            return GlobalOptions.Fail(parse, $"fax answer: {e.Message}");
        }

        await using (box.ConfigureAwait(false))
        {
            box.Gateway.FaxSink = sink;
            output.WriteLine($"answering on sip:any@{box.Gateway.SipEndPoints["cli"]} over {(terminal.Receive == FaxTransport.T38 ? "T.38 (G.711 if refused)" : "G.711")}; waiting for {faxes} fax(es)");
            var deadline = DateTime.UtcNow + limit;
            var reported = 0;
            while (sink.Done.Count < faxes && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);
                box.Flush(output);
                foreach (var (call, outcome, path) in sink.Done.Skip(reported))
                {
                    output.WriteLine($"received from {call.CallerNumber ?? "unknown"} ('{outcome.RemoteIdent}'): {(outcome.Success ? "ok" : "failed")} ({outcome.Result}), {outcome.Pages} page(s)"
                        + (outcome.SubAddress is { } sub ? $", sub-address {sub}" : string.Empty)
                        + (outcome.Record is { } r ? $", {(r.Mode == Core.Status.CallMediaMode.T38 ? "T.38" : "G.711")} ({r.ModeReason}), {r.BitRate} bit/s, ECM {(r.Ecm ? "on" : "off")}" : string.Empty));
                    output.WriteLine(path is null ? "  nothing kept" : $"  {path}");
                    reported++;
                }
            }

            box.Flush(output);
            var ok = sink.Done.Count(d => d.Outcome.Success);
            output.WriteLine($"summary: {ok} of {faxes} fax(es) received in full{(sink.Done.Count < faxes ? cancellationToken.IsCancellationRequested ? "; interrupted" : $"; timed out after {limit.TotalSeconds:0} s" : string.Empty)}");
            return ok == faxes ? 0 : 1;
        }
    }
}
