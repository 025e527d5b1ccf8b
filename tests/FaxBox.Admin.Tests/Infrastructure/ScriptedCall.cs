using System.Collections.Immutable;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Tests.Infrastructure;

/// <summary>One outgoing call of <see cref="ScriptedFaxCaller"/>.</summary>
public sealed class ScriptedCall
{
    private readonly TaskCompletionSource<FaxCallOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StatusBoard _board;
    private readonly IProgress<FaxProgress>? _progress;
    private readonly string _callId = "scripted-" + Guid.NewGuid().ToString("N")[..8];

    internal ScriptedCall(StatusBoard board, FaxCallRequest request, IProgress<FaxProgress>? progress, CancellationToken cancellationToken)
    {
        _board = board;
        Request = request;
        _progress = progress;
        board.SetCall(new CallStatus(_callId, "terminal", "outbound", "100", request.Destination, CallMediaMode.T38, board.Time.GetUtcNow()));
        cancellationToken.Register(() => _outcome.TrySetResult(new FaxCallOutcome(FaxCallOutcomeKind.Cancelled, "cancelled", 0, null, null, null)));
    }

    public FaxCallRequest Request { get; }

    internal Task<FaxCallOutcome> Outcome => _outcome.Task;

    /// <summary>A T.30 step, as the terminal reports it.</summary>
    public void Step(string phase, int pages)
    {
        var step = new FaxProgress(_callId, "terminal", phase, pages, 14_400, true, _board.Time.GetUtcNow());
        _board.ReportFaxProgress(step);
        _progress?.Report(step);
    }

    /// <summary>Ends the call: sent (every page confirmed) or failed, with a fax record carrying <paramref name="frames"/>.</summary>
    public FaxRecord End(bool sent, int pages, ImmutableArray<T30FrameEntry> frames = default)
    {
        var now = _board.Time.GetUtcNow();
        var record = new FaxRecord(
            "rec-" + _callId, _callId, "terminal", "outbound", "100", Request.Destination, now.AddSeconds(-30), now,
            CallMediaMode.T38, "peer re-INVITE to T.38", new FaxT38Parameters(0, 14_400, "transferredTCF", "redundancy", 400),
            pages, 14_400, true, sent, sent ? "ok" : "no response to DCS", new FaxNetworkStatistics(812, 790, 3, 2, 0))
        {
            T30Frames = frames.IsDefault ? Ladders.Sent(pages) : frames,
        };
        _board.RemoveCall(_callId);
        _board.AddFax(record, false);
        _outcome.TrySetResult(new FaxCallOutcome(sent ? FaxCallOutcomeKind.Sent : FaxCallOutcomeKind.FaxFailed, record.Result, sent ? pages : 0, null, sent ? "RECEIVER" : null, record));
        return record;
    }
}
