using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.Sip.Sdp;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// Path (r), the same-call baseline: the raw engine doing the DSP of (b)'s call and nothing else. Audio terminal A (the
/// sender) ↔ engine T.38 gateway A ↔ IFPs handed over in memory (no sockets, no UDPTL, no SIP) ↔ engine T.38 gateway B ↔
/// audio terminal B (the receiver), clocked frame by frame in this thread with one 20 ms frame of delay on each audio
/// leg and IFPs delivered at the start of the frame after they were sent. Per port that is what (b) must do at the
/// least: the engine's T.38 gateway (modems both ways) plus the fax machine's terminal.
/// <para>
/// The gateways get the options the boxes of (b) give theirs (<see cref="CallMedia.GatewayOptionsFor"/> on the session
/// the two boxes negotiate with default <see cref="FaxOptions"/>: see <see cref="NegotiatedSession"/>); the bench checks
/// that against the options (b)'s call media actually used. The terminals are <see cref="DirectCall"/>'s. Each IFP is
/// handed over once whatever its repeat count (UDPTL redundancy is the box's network side, not the engine's work).
/// </para>
/// </summary>
internal sealed class RelayCall
{
    private readonly IFaxEngine _engine;
    private readonly double _bracketOverheadNs;

    public RelayCall(IFaxEngine engine, double bracketOverheadNs)
    {
        _engine = engine;
        _bracketOverheadNs = bracketOverheadNs;
    }

    /// <summary>
    /// The T.38 session two FaxBoxes with default <see cref="FaxOptions"/> agree on (both offer what GatewayCall offers:
    /// T38FaxVersion from the options, 14 400 bit/s, transferredTCF, T38FaxMaxBuffer 2000, T38FaxMaxDatagram from the
    /// options, redundancy preferred).
    /// </summary>
    public static T38Session NegotiatedSession(FaxOptions fax) => new(
        fax.T38Version,
        14_400,
        T38RateManagement.TransferredTcf,
        T38ErrorCorrection.Redundancy,
        fax.MaxDatagram,
        2000,
        false);

    /// <summary>The engine gateway options of one side: exactly what <see cref="CallMedia"/> would pass for <see cref="NegotiatedSession"/>.</summary>
    public static T38GatewayOptions GatewayOptions(string logTag)
    {
        var fax = new FaxOptions();
        var session = NegotiatedSession(fax);
        return CallMedia.GatewayOptionsFor(session, CallMedia.UdptlOptionsFor(session, fax), fax, logTag);
    }

    public CallMeasurement Run(string document, string receiveFile, int framesLimit)
    {
        var terminalsMeter = new CpuMeter("terminals");
        var gatewaysMeter = new CpuMeter("engine-gateways");
        var terminalEngine = new MeteredEngine(_engine, terminalsMeter);
        var gatewayEngine = new MeteredEngine(_engine, gatewaysMeter);
        var aToB = new IfpQueue(); // gateway A's IFPs, for gateway B
        var bToA = new IfpQueue(); // gateway B's IFPs, for gateway A
        using var tx = terminalEngine.CreateAudioTerminal(DirectCall.Terminal(FaxDirection.Send, document, null, "relay-tx"));
        using var rx = terminalEngine.CreateAudioTerminal(DirectCall.Terminal(FaxDirection.Receive, null, receiveFile, "relay-rx"));
        using var gwA = gatewayEngine.CreateT38Gateway(GatewayOptions("relay-gw-a"), aToB);
        using var gwB = gatewayEngine.CreateT38Gateway(GatewayOptions("relay-gw-b"), bToA);
        var txIn = new short[AudioFrame.Samples];
        var txOut = new short[AudioFrame.Samples];
        var gwAIn = new short[AudioFrame.Samples];
        var gwAOut = new short[AudioFrame.Samples];
        var gwBIn = new short[AudioFrame.Samples];
        var gwBOut = new short[AudioFrame.Samples];
        var rxIn = new short[AudioFrame.Samples];
        var rxOut = new short[AudioFrame.Samples];
        int? rxEnd = null;
        var frame = 0;
        var kernel0 = CallClock.KernelNow();
        var cpu0 = ProcessCpuClock.NowNs();
        for (; frame < framesLimit && !(tx.IsComplete && rx.IsComplete); frame++)
        {
            // IFPs sent during the previous frame.
            var forB = aToB.Tail;
            var forA = bToA.Tail;
            bToA.DeliverTo(gwA, forA);
            aToB.DeliverTo(gwB, forB);

            tx.ReceiveAudio(txIn);
            tx.TransmitAudio(txOut);
            gwA.ReceiveAudio(gwAIn);
            gwA.TransmitAudio(gwAOut);
            gwB.ReceiveAudio(gwBIn);
            gwB.TransmitAudio(gwBOut);
            rx.ReceiveAudio(rxIn);
            rx.TransmitAudio(rxOut);

            // Audio legs for the next frame: machine A ↔ gateway A, gateway B ↔ machine B.
            txOut.AsSpan().CopyTo(gwAIn);
            gwAOut.AsSpan().CopyTo(txIn);
            gwBOut.AsSpan().CopyTo(rxIn);
            rxOut.AsSpan().CopyTo(gwBIn);
            if (aToB.Overflowed || bToA.Overflowed)
            {
                break;
            }

            if (rxEnd is null && rx.IsComplete)
            {
                rxEnd = frame + 1;
            }
        }

        var cpuNs = ProcessCpuClock.NowNs() - cpu0;
        var kernelMs = (CallClock.KernelNow() - kernel0).TotalMilliseconds;
        var txStats = tx.GetStatistics();
        var rxStats = rx.GetStatistics();
        var ok = tx.Result is { Success: true } && rx.Result is { Success: true } && rxStats.PagesTransferred == txStats.PagesTransferred;
        string detail;
        if (aToB.Overflowed || bToA.Overflowed)
        {
            ok = false;
            detail = $"IFP queue overflow after {frame} frames";
        }
        else if (!ok)
        {
            detail = $"failed: tx {tx.Result?.T30Text ?? "unfinished"}, rx {rx.Result?.T30Text ?? "unfinished"} after {frame} frames";
        }
        else
        {
            var comparison = FaxDocumentComparer.Compare(document, receiveFile);
            ok = comparison.Identical;
            detail = ok
                ? $"mode=relay pages={rxStats.PagesTransferred} rate={rxStats.BitRate} ecm={(rxStats.Ecm ? 1 : 0)} ifps_a_to_b={aToB.Ifps} ifps_b_to_a={bToA.Ifps}"
                : $"received file differs: {comparison}";
        }

        var end = TimeSpan.FromMilliseconds((rxEnd ?? frame) * AudioFrame.Milliseconds);
        return new CallMeasurement(
            "relay",
            ok,
            detail,
            cpuNs / 1e6,
            kernelMs,
            terminalsMeter.Ms(_bracketOverheadNs),
            gatewaysMeter.Ms(_bracketOverheadNs),
            0,
            0,
            (terminalsMeter.Brackets + gatewaysMeter.Brackets) * _bracketOverheadNs / 1e6,
            TimeSpan.Zero,
            TimeSpan.Zero,
            TimeSpan.Zero,
            end);
    }
}
