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
/// <para>
/// Parking: given a <see cref="MediaWake"/>, the clock parks after a tick when every handler says it may
/// (<see cref="IMediaParkingHandler.CanPark"/>): its thread sleeps on the wake signal, costing no CPU, and wakes every
/// <see cref="MediaClockOptions.ParkedHeartbeat"/> only to tell the handlers it is alive (the systemd watchdog's
/// health check). On <see cref="MediaWake.Wake"/> the next tick runs at once; its index continues from wall time, as
/// after skipped ticks, so <see cref="MediaTick.Due"/> stays on the clock's time base. Ticks not run while parked are
/// counted in <see cref="ParkedTicks"/>, not in <see cref="SkippedTicks"/> or <see cref="Lateness"/>.
/// </para>
/// </summary>
public sealed class RealTimeMediaClock : IMediaClock, IDisposable
{
    private readonly MediaClockOptions _options;
    private readonly MediaTickHandlerList _handlers = new();
    private readonly Thread _thread;
    private readonly long _period = Stopwatch.Frequency * AudioFrame.Milliseconds / 1000;
    private readonly ManualResetEventSlim _started = new();
    private readonly MediaWake? _wake;
    private volatile bool _stopping;
    private volatile bool _parked;
    private long _ticks;
    private long _skipped;
    private long _parkedTicks;
    private long _parks;

    /// <summary>
    /// Creates the clock; <see cref="Start"/> starts its thread. With <paramref name="wake"/> it parks when every handler
    /// may (see the class remarks); without, it ticks for ever.
    /// </summary>
    public RealTimeMediaClock(MediaClockOptions? options = null, MediaWake? wake = null)
    {
        _options = options ?? new MediaClockOptions();
        _options.Validate();
        _wake = wake;
        _thread = new Thread(Run) { IsBackground = true, Name = "FaxBox media clock", Priority = ThreadPriority.Highest };
    }

    /// <summary>Lateness of every tick so far.</summary>
    public LatenessHistogram Lateness { get; } = new();

    /// <summary>Ticks run.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Ticks skipped after a stall longer than <see cref="MediaClockOptions.MaxCatchUpTicks"/>.</summary>
    public long SkippedTicks => Interlocked.Read(ref _skipped);

    /// <summary>Ticks not run because the clock was parked.</summary>
    public long ParkedTicks => Interlocked.Read(ref _parkedTicks);

    /// <summary>Times the clock parked.</summary>
    public long Parks => Interlocked.Read(ref _parks);

    /// <summary>Whether the clock is parked now.</summary>
    public bool IsParked => _parked;

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
        _wake?.Wake();
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
            if (_wake is not null)
            {
                TryPark(_wake, ref start, ref index);
            }
        }
    }

    /// <summary>
    /// Parks when every handler may, until woken; then moves <paramref name="index"/> on by the parked time and re-bases
    /// <paramref name="start"/> so that the next tick is due now.
    /// </summary>
    private void TryPark(MediaWake wake, ref long start, ref long index)
    {
        // Arm first, then ask: work queued before the arm is seen by CanPark, a wake after it ends the wait.
        wake.Arm();
        if (_stopping || !_handlers.CanPark())
        {
            return;
        }

        _parked = true;
        Interlocked.Increment(ref _parks);
        long parkedAt = Stopwatch.GetTimestamp();
        while (!_stopping && !wake.WaitForWake(_options.ParkedHeartbeat))
        {
            _handlers.ParkedHeartbeat(Stopwatch.GetElapsedTime(start));
        }

        long now = Stopwatch.GetTimestamp();
        long missed = (now - parkedAt) / _period;
        Interlocked.Add(ref _parkedTicks, missed);
        index += missed;
        start = now - (index * _period);
        _parked = false;
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
