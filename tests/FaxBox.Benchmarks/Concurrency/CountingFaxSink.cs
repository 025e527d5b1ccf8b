using System.Collections.Concurrent;
using FaxBox.CallControl.Terminals;

namespace FaxBox.Benchmarks.Concurrency;

/// <summary>Box B's inbox in the bench: accepts every offered fax into a numbered file in a folder and keeps each outcome.</summary>
internal sealed class CountingFaxSink : IInboundFaxSink
{
    private readonly string _folder;
    private int _offers;

    public CountingFaxSink(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public int Offers => Volatile.Read(ref _offers);

    public ConcurrentQueue<InboundFaxOutcome> Completions { get; } = new();

    public InboundFaxAcceptance? Offer(InboundFaxCall call)
    {
        var n = Interlocked.Increment(ref _offers);
        return new InboundFaxAcceptance(Path.Combine(_folder, $"{n}.tif"), ConcurrencyBench.ReceiverIdent);
    }

    public void Completed(InboundFaxCall call, InboundFaxOutcome outcome) => Completions.Enqueue(outcome);
}
