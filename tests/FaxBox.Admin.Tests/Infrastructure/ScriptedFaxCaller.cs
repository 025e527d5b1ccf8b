using System.Collections.Concurrent;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Tests.Infrastructure;

/// <summary>
/// The fax server's outgoing calls, played by the test: each call waits until the test ends it, and shows on the status
/// board as a real terminal call would (the call while it lasts, its T.30 steps, the fax record with its ladder at the end).
/// </summary>
public sealed class ScriptedFaxCaller(StatusBoard board) : IFaxCaller
{
    private readonly ConcurrentQueue<ScriptedCall> _calls = new();

    /// <summary>Every call placed, oldest first.</summary>
    public IReadOnlyList<ScriptedCall> Calls => [.. _calls];

    public Task<FaxCallOutcome> SendAsync(FaxCallRequest request, IProgress<FaxProgress>? progress, CancellationToken cancellationToken)
    {
        var call = new ScriptedCall(board, request, progress, cancellationToken);
        _calls.Enqueue(call);
        return call.Outcome;
    }

    /// <summary>Waits (bounded) for call number <paramref name="index"/> (0-based) to be placed.</summary>
    public async Task<ScriptedCall> CallAsync(int index, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (_calls.Count > index)
            {
                return _calls.ElementAt(index);
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no call {index + 1} was placed");
    }
}
