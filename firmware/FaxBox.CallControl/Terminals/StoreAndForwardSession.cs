using FaxBox.CallControl.Calls;
using FaxBox.CallControl.Records;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.LineInterface;

namespace FaxBox.CallControl.Terminals;

/// <summary>
/// FXS store-and-forward (<see cref="Configuration.PortSettings.StoreAndForward"/>): the box's own audio fax terminal
/// answers the fax machine's outgoing call on the line and receives the document into the sink's file; the fax server
/// then delivers it as a queued job. It is the port's <see cref="ILineAudio"/> while it runs (one frame in, one frame out
/// per media tick, nothing allocated per frame). Media thread only.
/// </summary>
internal sealed class StoreAndForwardSession : ILineAudio, IDisposable
{
    private readonly GatewayContext _context;
    private readonly IAudioFaxTerminal _terminal;
    private readonly DateTimeOffset _started;
    private readonly T30LadderRecorder _ladder = new();

    public StoreAndForwardSession(GatewayContext context, string port, InboundFaxCall call, InboundFaxAcceptance acceptance, bool ecm)
    {
        _context = context;
        Port = port;
        Call = call;
        Acceptance = acceptance;
        var factory = context.Media as ITerminalMediaFactory
            ?? throw new InvalidOperationException("the gateway's media factory cannot make a fax terminal");
        _terminal = factory.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = FaxDirection.Receive,
            CallingParty = false,
            ReceiveFile = acceptance.ReceivePath,
            LocalIdent = acceptance.LocalIdent,
            Ecm = ecm,
            LogTag = call.CallId,
        });
        _terminal.Progress += OnProgress;
        _terminal.Frame += OnFrame;
        _started = context.Status.Time.GetUtcNow();
    }

    public string Port { get; }

    public InboundFaxCall Call { get; }

    public InboundFaxAcceptance Acceptance { get; }

    /// <summary>True once T.30 has ended (phase E, the watchdog, or an abort).</summary>
    public bool IsComplete => _terminal.IsComplete;

    /// <inheritdoc />
    public void Exchange(ReadOnlySpan<short> fromLine, Span<short> toLine)
    {
        _terminal.ReceiveAudio(fromLine);
        _terminal.TransmitAudio(toLine);
    }

    /// <summary>Ends the session (aborting T.30 if it still runs), publishes the fax record and returns the sink's outcome.</summary>
    public InboundFaxOutcome Finish(string? detail)
    {
        if (!_terminal.IsComplete)
        {
            _terminal.Abort();
        }

        var result = _terminal.Result!;
        var text = result.Success || detail is null ? result.T30Text : $"{result.T30Text}; {detail}";
        var s = result.Statistics;
        var record = new FaxRecord(
            _context.NextFaxRecordId(), Call.CallId, Port, "outbound", Call.CallerNumber, Call.CalledNumber, _started, _context.Status.Time.GetUtcNow(),
            CallMediaMode.G711Fax, "store-and-forward: the box's fax terminal answered the line", null,
            s.PagesTransferred, s.BitRate, s.Ecm, result.Success, text, new FaxNetworkStatistics(0, 0, 0, 0, 0));
        record = _ladder.AttachTo(record);
        _context.Status.AddFax(record, false);
        return new InboundFaxOutcome(Acceptance.ReceivePath, result.Success, s.PagesTransferred, text, result.RemoteIdent, result.SubAddress, record);
    }

    public void Dispose()
    {
        _terminal.Progress -= OnProgress;
        _terminal.Frame -= OnFrame;
        _terminal.Dispose();
    }

    // As on a relayed call of this port, the fax machine on the line is the local side; the box's terminal stands in
    // for the far end it will deliver to.
    private void OnFrame(object? sender, T30FrameEventArgs e) =>
        _ladder.Add(e.Incoming ? T30FrameOrigin.Local : T30FrameOrigin.Remote, e.At, e.Frame);

    private void OnProgress(object? sender, FaxProgressEventArgs e) =>
        _context.Status.ReportFaxProgress(new FaxProgress(Call.CallId, Port, e.Phase.ToString(), e.Statistics.PagesTransferred, e.Statistics.BitRate, e.Statistics.Ecm, _context.Status.Time.GetUtcNow()));
}
