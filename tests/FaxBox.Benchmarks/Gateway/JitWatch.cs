using System.Diagnostics.Tracing;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// For <c>--jit</c>: listens to the runtime's JIT events (MethodLoadVerbose) and counts the methods compiled while it is
/// <see cref="Active"/>, by tier, so a measured call can show the JIT work it still causes after the warm-up.
/// </summary>
internal sealed class JitWatch : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _methods = [];

    public bool Active { get; set; }

    /// <summary>The methods compiled while active ("tier namespace.name" → count), and forgets them.</summary>
    public List<KeyValuePair<string, int>> Drain()
    {
        lock (_lock)
        {
            var list = _methods.OrderByDescending(kv => kv.Value).ToList();
            _methods.Clear();
            return list;
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Active || eventData.EventName is null || !eventData.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        string Field(string name)
        {
            var i = eventData.PayloadNames!.IndexOf(name);
            return i >= 0 ? eventData.Payload![i]?.ToString() ?? string.Empty : string.Empty;
        }

        var key = $"{Field("OptimizationTier")} {Field("MethodNamespace")}.{Field("MethodName")}";
        lock (_lock)
        {
            _methods[key] = _methods.GetValueOrDefault(key) + 1;
        }
    }
}
