using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.Documents;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// Path (a), the baseline: the raw engine's cost of the call. The same two audio T.30 terminals the virtual fax machines
/// are built on (same options), wired directly back to back with one 20 ms frame of delay each way, no line, no box.
/// Both start at frame 0, the sender as calling party (CNG), the receiver as called party (CED), so the receiver's
/// answer is at 0.
/// </summary>
internal sealed class DirectCall
{
    private readonly IFaxEngine _engine;
    private readonly double _bracketOverheadNs;

    public DirectCall(IFaxEngine engine, double bracketOverheadNs)
    {
        _engine = engine;
        _bracketOverheadNs = bracketOverheadNs;
    }

    public CallMeasurement Run(string document, string receiveFile, int framesLimit)
    {
        var meter = new CpuMeter("terminals");
        var engine = new MeteredEngine(_engine, meter);
        using var tx = engine.CreateAudioTerminal(Terminal(FaxDirection.Send, document, null, "direct-tx"));
        using var rx = engine.CreateAudioTerminal(Terminal(FaxDirection.Receive, null, receiveFile, "direct-rx"));
        var txIn = new short[AudioFrame.Samples];
        var txOut = new short[AudioFrame.Samples];
        var rxIn = new short[AudioFrame.Samples];
        var rxOut = new short[AudioFrame.Samples];
        int? rxEnd = null;
        var frame = 0;
        var kernel0 = CallClock.KernelNow();
        var cpu0 = ProcessCpuClock.NowNs();
        for (; frame < framesLimit && !(tx.IsComplete && rx.IsComplete); frame++)
        {
            tx.ReceiveAudio(txIn);
            tx.TransmitAudio(txOut);
            rx.ReceiveAudio(rxIn);
            rx.TransmitAudio(rxOut);
            txOut.AsSpan().CopyTo(rxIn);
            rxOut.AsSpan().CopyTo(txIn);
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
        if (!ok)
        {
            detail = $"failed: tx {tx.Result?.T30Text ?? "unfinished"}, rx {rx.Result?.T30Text ?? "unfinished"} after {frame} frames";
        }
        else
        {
            var comparison = FaxDocumentComparer.Compare(document, receiveFile);
            ok = comparison.Identical;
            detail = ok
                ? $"mode=direct pages={rxStats.PagesTransferred} rate={rxStats.BitRate} ecm={(rxStats.Ecm ? 1 : 0)}"
                : $"received file differs: {comparison}";
        }

        var end = TimeSpan.FromMilliseconds((rxEnd ?? frame) * AudioFrame.Milliseconds);
        return new CallMeasurement(
            "baseline",
            ok,
            detail,
            cpuNs / 1e6,
            kernelMs,
            meter.Ms(_bracketOverheadNs),
            0,
            0,
            0,
            meter.Brackets * _bracketOverheadNs / 1e6,
            TimeSpan.Zero,
            TimeSpan.Zero,
            TimeSpan.Zero,
            end);
    }

    /// <summary>Exactly what <see cref="LineInterface.Simulated.VirtualFaxMachine"/> asks of the engine (its default options, the bench's idents).</summary>
    internal static FaxTerminalOptions Terminal(FaxDirection direction, string? send, string? receive, string logTag) => new()
    {
        Direction = direction,
        CallingParty = direction == FaxDirection.Send,
        SendFile = send,
        ReceiveFile = receive,
        LocalIdent = direction == FaxDirection.Send ? TwoBoxCall.SenderIdent : TwoBoxCall.ReceiverIdent,
        Ecm = true,
        Modems = FaxModems.All,
        Watchdog = TimeSpan.FromHours(1),
        LogTag = logTag,
    };
}
