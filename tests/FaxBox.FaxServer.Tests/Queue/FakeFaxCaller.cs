using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;

namespace FaxBox.FaxServer.Tests.Queue;

/// <summary>An <see cref="IFaxCaller"/> whose calls stay on the line until the test ends them.</summary>
internal sealed class FakeFaxCaller : IFaxCaller
{
    private readonly Lock _lock = new();
    private readonly List<FakeCall> _calls = [];

    /// <summary>When set, SendAsync throws it instead of placing a call.</summary>
    public Exception? Throw { get; set; }

    public IReadOnlyList<FakeCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<FakeCall> Open
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls.Where(c => !c.Ended)];
            }
        }
    }

    public Task<FaxCallOutcome> SendAsync(FaxCallRequest request, IProgress<FaxProgress>? progress, CancellationToken cancellationToken)
    {
        if (Throw is { } e)
        {
            throw e;
        }

        var call = new FakeCall(request, progress, cancellationToken);
        lock (_lock)
        {
            _calls.Add(call);
        }

        return call.Task;
    }
}

/// <summary>One call of the fake: ended by the test (or by its token, as a real call is).</summary>
internal sealed class FakeCall
{
    // Continuations run inline: by the time End returns, the scheduler has been told.
    private readonly TaskCompletionSource<FaxCallOutcome> _done = new();

    public FakeCall(FaxCallRequest request, IProgress<FaxProgress>? progress, CancellationToken cancellationToken)
    {
        Request = request;
        Progress = progress;
        cancellationToken.Register(() => _done.TrySetResult(new FaxCallOutcome(FaxCallOutcomeKind.Cancelled, "cancelled", 0, null, null, null)));
    }

    public FaxCallRequest Request { get; }

    public IProgress<FaxProgress>? Progress { get; }

    public Task<FaxCallOutcome> Task => _done.Task;

    public bool Ended => _done.Task.IsCompleted;

    public void End(FaxCallOutcomeKind kind, int pages = 0, string? reason = null) =>
        Assert.True(_done.TrySetResult(new FaxCallOutcome(kind, reason ?? kind.ToString(), pages, null, null, null)), "the call had already ended");

    public void Fail(Exception e) => Assert.True(_done.TrySetException(e));

    public void Page(int pages) => Progress!.Report(new FaxProgress("c", "terminal", "D", pages, 14400, true, DateTimeOffset.UnixEpoch));
}
