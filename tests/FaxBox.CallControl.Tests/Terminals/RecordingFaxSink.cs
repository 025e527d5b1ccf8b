using System.Collections.Concurrent;
using FaxBox.CallControl.Terminals;

namespace FaxBox.CallControl.Tests.Terminals;

/// <summary>A fax sink for tests: accepts (or declines) every offer with a ".part" path in a folder and records what came.</summary>
internal sealed class RecordingFaxSink(string folder, bool accept = true) : IInboundFaxSink
{
    public ConcurrentQueue<InboundFaxCall> Offers { get; } = new();

    public ConcurrentQueue<(InboundFaxCall Call, InboundFaxOutcome Outcome)> Completions { get; } = new();

    public InboundFaxAcceptance? Offer(InboundFaxCall call)
    {
        Offers.Enqueue(call);
        Directory.CreateDirectory(folder);
        return accept ? new InboundFaxAcceptance(Path.Combine(folder, $"{Offers.Count}.tif.part"), "RECEIVER") : null;
    }

    public void Completed(InboundFaxCall call, InboundFaxOutcome outcome) => Completions.Enqueue((call, outcome));
}
