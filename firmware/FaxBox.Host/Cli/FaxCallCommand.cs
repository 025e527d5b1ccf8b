using System.CommandLine;
using System.Globalization;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Terminals;
using FaxBox.Fax.Documents;
using FaxBox.Sip.Messages;

namespace FaxBox.Host.Cli;

/// <summary>
/// <c>faxbox fax call --to SIP-URI FILE</c>: sends one fax straight over SIP from a one-account box with no ports (no
/// running box needed) — the check an IT person runs to see whether a trunk carries fax. Exit 0 only when every page was
/// confirmed.
/// </summary>
internal static class FaxCallCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The document: a bilevel TIFF (normalised to TIFF-F before sending). PDF needs the fax server's intake." };
        var to = new Option<string>("--to") { Description = "Where to send: a SIP URI, for example sip:5551234@trunk.example.net or sip:300@192.0.2.20:5060.", Required = true };
        var t38 = new Option<bool>("--t38") { Description = "Send over T.38 (the default): accept the far end's T.38 re-INVITE, or re-INVITE after the T.38 timeout; G.711 if refused." };
        var g711 = new Option<bool>("--g711") { Description = "Send over G.711 audio only (T.38 re-INVITEs are refused)." };
        var noEcm = new Option<bool>("--no-ecm") { Description = "Do not offer ECM (T.30 Annex A)." };
        var rate = new Option<int>("--rate") { Description = "Highest image rate offered: 14400 (V.17), 9600 (V.29) or 4800 (V.27ter).", DefaultValueFactory = _ => 14_400 };
        var listen = new Option<string>("--listen") { Description = "The local SIP address and port, ADDR:PORT; the address goes into SDP, so the far end must reach it.", DefaultValueFactory = _ => "127.0.0.1:0" };
        var timeout = new Option<double>("--timeout") { Description = "Give up (CANCEL or BYE) after this many seconds.", DefaultValueFactory = _ => 600 };
        var ident = new Option<string>("--ident") { Description = "The TSI sent to the far machine (at most 20 digits, spaces and '+').", DefaultValueFactory = _ => string.Empty };
        var command = new Command("call", "Send one fax straight over SIP (T.38 or G.711) without a running box; progress lines and a summary. Exit 0 only when every page was confirmed.")
        {
            file, to, t38, g711, noEcm, rate, listen, timeout, ident,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var uri = parse.GetValue(to)!;
            if (!SipUri.TryParse(uri, out var target, out var uriError) || !target.IsSip)
            {
                return GlobalOptions.Fail(parse, $"fax call: --to '{uri}' is not a sip: URI ({uriError ?? "other scheme"})");
            }

            if (parse.GetValue(t38) && parse.GetValue(g711))
            {
                return GlobalOptions.Fail(parse, "fax call: --t38 and --g711 exclude each other");
            }

            var maxRate = parse.GetValue(rate);
            if (maxRate is not (14_400 or 9_600 or 4_800))
            {
                return GlobalOptions.Fail(parse, $"fax call: --rate {maxRate} is not 14400, 9600 or 4800");
            }

            var seconds = parse.GetValue(timeout);
            if (seconds is <= 0 or > 7200)
            {
                return GlobalOptions.Fail(parse, $"fax call: --timeout must be 1 to 7200 seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}");
            }

            if (!TerminalCliBox.TryParseListen(parse.GetValue(listen)!, out var endPoint, out var listenError))
            {
                return GlobalOptions.Fail(parse, $"fax call: {listenError}");
            }

            if (!path.Exists)
            {
                return GlobalOptions.Fail(parse, $"fax call: {path.FullName}: no such file");
            }

            if (path.Extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase))
            {
                return GlobalOptions.Fail(parse, $"fax call: {path.Name}: PDF input is not supported here yet (it needs the fax server's Ghostscript intake); convert it to a bilevel TIFF first");
            }

            var work = Directory.CreateTempSubdirectory("faxbox-call-");
            try
            {
                var normalised = Path.Combine(work.FullName, "send.tif");
                try
                {
                    FaxNormalizer.Normalize(path.FullName, normalised);
                }
                catch (Exception e) when (e is FaxDocumentException or IOException)
                {
                    return GlobalOptions.Fail(parse, $"fax call: {path.Name}: {e.Message}");
                }

                var request = new FaxCallRequest(
                    uri, normalised, parse.GetValue(g711) ? FaxTransport.G711 : FaxTransport.T38, !parse.GetValue(noEcm), maxRate, null,
                    parse.GetValue(ident)!, null, "faxbox fax call");
                return await RunAsync(parse, endPoint, request, TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                work.Delete(recursive: true);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, System.Net.IPEndPoint listen, FaxCallRequest request, TimeSpan limit, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        using var loggers = GlobalOptions.CreateLoggerFactory(parse);
        TerminalCliBox box;
        try
        {
            box = TerminalCliBox.Start(listen, new TerminalOptions { RingTimeout = TimeSpan.FromSeconds(60) }, loggers);
        }
        catch (GatewayConfigurationException e)
        {
            return GlobalOptions.Fail(parse, $"fax call: {e.Message}");
        }

        await using (box.ConfigureAwait(false))
        {
            output.WriteLine($"calling {request.Destination} from {box.Gateway.SipEndPoints["cli"]} over {(request.Transport == FaxTransport.T38 ? "T.38 (G.711 if refused)" : "G.711")}");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limit);
            FaxCallOutcome outcome;
            try
            {
                var sending = box.Gateway.SendAsync(request, null, deadline.Token);
                while (!sending.IsCompleted)
                {
                    await Task.WhenAny(sending, Task.Delay(200, CancellationToken.None)).ConfigureAwait(false);
                    box.Flush(output);
                }

                outcome = await sending.ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                return GlobalOptions.Fail(parse, $"fax call: {e.Message}");
            }

            box.Flush(output);
            output.WriteLine(Summary(outcome));
            return outcome.Kind == FaxCallOutcomeKind.Sent ? 0 : 1;
        }
    }

    /// <summary>The closing line(s): the outcome and, when a fax ran, its record.</summary>
    internal static string Summary(FaxCallOutcome outcome)
    {
        var text = $"result: {outcome.Kind.ToString().ToLowerInvariant()} ({outcome.Reason}), {outcome.PagesSent} page(s) confirmed";
        if (outcome.SipStatus is { } status)
        {
            text += $", SIP {status}";
        }

        if (outcome.Record is { } r)
        {
            text += $"{Environment.NewLine}mode: {(r.Mode == Core.Status.CallMediaMode.T38 ? "T.38" : "G.711")} ({r.ModeReason}), {r.BitRate} bit/s, ECM {(r.Ecm ? "on" : "off")}, "
                + $"remote {(outcome.RemoteIdent is { } ident ? $"'{ident}'" : "(no CSI)")}, {(r.Ended - r.Started).TotalSeconds:0.0} s, packets {r.Network.PacketsSent} sent / {r.Network.PacketsReceived} received / {r.Network.PacketsLost} lost";
        }

        return text;
    }
}
