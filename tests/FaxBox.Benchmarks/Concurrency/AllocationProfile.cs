using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace FaxBox.Benchmarks.Concurrency;

/// <summary>
/// <c>--alloc-profile</c>: which types the batch allocates, from the runtime's GCAllocationTick events (one event per
/// ~100 KB allocated, naming the type of the allocation that crossed the mark — a sample weighted by bytes). Off by
/// default: the listener itself allocates per event.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    /// <summary>The runtime's GC keyword.</summary>
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _on;

    /// <summary>Starts counting (events before this are ignored).</summary>
    public void Start() => _on = true;

    /// <summary>Stops counting.</summary>
    public void Stop() => _on = false;

    /// <summary>The <paramref name="top"/> types by sampled bytes, each with its share, as "# alloc" lines.</summary>
    public IEnumerable<string> Report(int top)
    {
        var total = _bytes.Values.Sum();
        return _bytes.OrderByDescending(p => p.Value).Take(top)
            .Select(p => $"# alloc {100.0 * p.Value / Math.Max(1, total),5:F1} %  {p.Value / 1024,8} KiB sampled  {p.Key}");
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_on || eventData.EventName != "GCAllocationTick_V4" || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
    }
}
