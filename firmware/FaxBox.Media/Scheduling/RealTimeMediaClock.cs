using System.Diagnostics;
using FaxBox.Core;

namespace FaxBox.Media.Scheduling;

/// <summary>
/// The one real-time 20 ms clock that drives every port and call. A dedicated thread (SCHED_FIFO when allowed) sleeps
/// to just before each tick and spins the last <see cref="MediaClockOptions.SpinLead"/>; tick <c>n</c> is due at
/// <c>start + n × 20 ms</c> on the monotonic clock, so lateness never accumulates into drift: after a stall the missed
/// ticks run back to back (each with its own lateness) until the clock is on time again, up to
/// <see cref="MediaClockOptions.MaxCatchUpTicks"/>, beyond which they are skipped and counted. Lateness goes into
/// <see cref="Lateness"/>. The loop allocates nothing; handlers must not block (sockets are polled non-blocking,
/// file and network work is handed to other threads).
/// </summary>
public sealed class RealTimeMediaClock : IMediaClock, IDisposable
{
    private readonly MediaClockOptions _options;
    private readonly MediaTickHandlerList _handlers = new();
    private readonly Thread _thread;
    private readonly long _period = Stopwatch.Frequency * AudioFrame.Milliseconds / 1000;
    private readonly ManualResetEventSlim _started = new();
    private volatile bool _stopping;
    private long _ticks;
    private long _skipped;

    /// <summary>Creates the clock; <see cref="Start"/> starts its thread.</summary>
    public RealTimeMediaClock(MediaClockOptions? options = null)
    {
        _options = options ?? new MediaClockOptions();
        _options.Validate();
        _thread = new Thread(Run) { IsBackground = true, Name = "FaxBox media clock", Priority = ThreadPriority.Highest };
    }

    /// <summary>Lateness of every tick so far.</summary>
    public LatenessHistogram Lateness { get; } = new();

    /// <summary>Ticks run.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Ticks skipped after a stall longer than <see cref="MediaClockOptions.MaxCatchUpTicks"/>.</summary>
    public long SkippedTicks => Interlocked.Read(ref _skipped);

    /// <summary>Handler exceptions caught.</summary>
    public long HandlerFaults => _handlers.Faults;

    /// <summary>Whether the kernel granted SCHED_FIFO (valid after <see cref="Start"/>).</summary>
    public bool RealTimePolicyApplied { get; private set; }

    /// <inheritdoc />
    public IDisposable Register(IMediaTickHandler handler) => _handlers.Add(handler);

    /// <summary>Starts the clock thread; returns once it runs.</summary>
    public void Start()
    {
        _thread.Start();
        _started.Wait();
    }

    /// <summary>Stops the clock and waits for the running tick to finish.</summary>
    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive && Environment.CurrentManagedThreadId != _thread.ManagedThreadId)
        {
            _thread.Join();
        }

        _started.Dispose();
    }

    private void Run()
    {
        if (_options.RealTimePriority > 0)
        {
            RealTimePolicyApplied = LinuxScheduling.TrySetFifo(_options.RealTimePriority);
        }

        long spinLead = _options.SpinLead.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        long start = Stopwatch.GetTimestamp();
        long index = 0;
        _started.Set();
        while (!_stopping)
        {
            long due = start + (index * _period);
            WaitUntil(due, spinLead);
            long now = Stopwatch.GetTimestamp();
            long late = now - due;
            if (late > _options.MaxCatchUpTicks * _period)
            {
                long skip = late / _period;
                index += skip;
                Interlocked.Add(ref _skipped, skip);
                continue;
            }

            TimeSpan lateness = Stopwatch.GetElapsedTime(due, now);
            Lateness.Record(lateness);
            var tick = new MediaTick(index, TimeSpan.FromTicks(index * AudioFrame.Duration.Ticks), lateness);
            _handlers.Run(tick);
            Interlocked.Increment(ref _ticks);
            index++;
        }
    }

    private void WaitUntil(long due, long spinLead)
    {
        // Sleep to the spin point on the kernel's high-resolution timer (no spinning at all by default), else in
        // milliseconds with Thread.Sleep and spin the rest.
        if (LinuxScheduling.TrySleepUntil(due - spinLead))
        {
            while (spinLead > 0 && Stopwatch.GetTimestamp() < due && !_stopping)
            {
                Thread.SpinWait(20);
            }

            return;
        }

        long remaining = due - Stopwatch.GetTimestamp();
        long sleepMs = (remaining - spinLead) * 1000 / Stopwatch.Frequency;
        if (sleepMs > 0)
        {
            Thread.Sleep((int)sleepMs);
        }

        while (Stopwatch.GetTimestamp() < due && !_stopping)
        {
            Thread.SpinWait(20);
        }
    }
}
