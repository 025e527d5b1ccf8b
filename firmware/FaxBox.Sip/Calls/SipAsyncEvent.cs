using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Calls;

/// <summary>
/// An event whose handlers are awaited one after another, in the order they were added; a handler's exception is
/// logged with the event's name and never stops the other handlers or the caller (STYLE.md item 9: no fire-and-forget,
/// no <c>async void</c>). Handlers run on the SIP receive path or the caller's flow: they should return promptly and must
/// not await a network exchange of the same call (a re-INVITE, a BYE); start those from the gateway's own flow.
/// </summary>
public sealed class SipAsyncEvent<TArgs>
{
    private readonly Lock _lock = new();
    private readonly string _name;
    private readonly ILogger _logger;
    private Func<TArgs, CancellationToken, ValueTask>[] _handlers = [];

    internal SipAsyncEvent(string name, ILogger logger)
    {
        _name = name;
        _logger = logger;
    }

    public bool HasHandlers => Volatile.Read(ref _handlers).Length > 0;

    public void Add(Func<TArgs, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            _handlers = [.. _handlers, handler];
        }
    }

    public void Remove(Func<TArgs, CancellationToken, ValueTask> handler)
    {
        lock (_lock)
        {
            _handlers = [.. _handlers.Where(h => h != handler)];
        }
    }

    /// <summary>Awaits every handler; returns false when one threw (it was logged).</summary>
    internal async ValueTask<bool> InvokeAsync(TArgs args, CancellationToken cancellationToken)
    {
        var ok = true;
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                await handler(args, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                ok = false;
                SipCallLog.HandlerFailed(_logger, e, _name);
            }
        }

        return ok;
    }
}
