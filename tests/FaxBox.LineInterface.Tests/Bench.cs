using FaxBox.Core;

namespace FaxBox.LineInterface.Tests;

/// <summary>A virtual media clock for tests: ticks a list of handlers in order, faster than real time.</summary>
internal sealed class Bench
{
    private readonly List<IMediaTickHandler> _handlers = [];
    private long _index;

    public Bench(params IMediaTickHandler[] handlers) => _handlers.AddRange(handlers);

    public TimeSpan Now => TimeSpan.FromMilliseconds(_index * AudioFrame.Milliseconds);

    public void Add(IMediaTickHandler handler) => _handlers.Add(handler);

    public void Run(TimeSpan duration)
    {
        var ticks = (long)(duration.TotalMilliseconds / AudioFrame.Milliseconds);
        for (var i = 0; i < ticks; i++)
        {
            Tick();
        }
    }

    /// <summary>Ticks until <paramref name="done"/> holds; fails the test when <paramref name="limit"/> of simulated time passes first.</summary>
    public TimeSpan RunUntil(Func<bool> done, TimeSpan limit, string what) => RunUntil(done, limit, () => what);

    /// <summary>As <see cref="RunUntil(Func{bool}, TimeSpan, string)"/>, describing the state when it fails.</summary>
    public TimeSpan RunUntil(Func<bool> done, TimeSpan limit, Func<string> what)
    {
        var start = Now;
        var ticks = (long)(limit.TotalMilliseconds / AudioFrame.Milliseconds);
        for (var i = 0; i < ticks; i++)
        {
            if (done())
            {
                return Now - start;
            }

            Tick();
        }

        Assert.Fail($"{what()}: not within {limit.TotalSeconds} s of simulated time");
        return limit;
    }

    private void Tick()
    {
        var tick = new MediaTick(_index, Now, TimeSpan.Zero);
        foreach (var handler in _handlers)
        {
            handler.OnTick(tick);
        }

        _index++;
    }
}
