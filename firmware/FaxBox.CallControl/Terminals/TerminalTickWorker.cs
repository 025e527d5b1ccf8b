using System.Diagnostics;
using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.CallControl.Terminals;

/// <summary>
/// Runs a shard of the box's own fax terminal calls on a thread of its own (<see cref="Configuration.TerminalOptions.OwnThread"/>), clocked by
/// the media tick but never holding it up. A fax terminal needs no line timing — T.30's timers are seconds, and UDPTL and
/// the far end's jitter buffer absorb a late datagram — whereas the line ports must have every 20 ms frame on time. The
/// T.30/T.4 engine does heavy work at page boundaries (libspandsp decodes the ECM block and compresses and writes the
/// received page inside the call that delivers the last frame), so hundreds of pages ending together would otherwise make
/// the media tick late for every port.
/// <para>
/// The media thread only records the tick's index and wakes the worker (no allocation, no lock, no wait); while no
/// terminal call exists and nothing is posted it does not even wake it, so an idle box stays idle. The worker runs every
/// tick in order, each with its own index and due time: behind, it catches up back to back (the terminals are ticked with
/// exactly one 20 ms frame per tick, as they require); idle, it jumps to the newest tick. One worker per shard (one per
/// core): no thread per call.
/// </para>
/// </summary>
internal sealed partial class TerminalTickWorker : IMediaTickHandler, IDisposable
{
    /// <summary>
    /// The worker's SCHED_FIFO priority where the process may use one: below the media clock's (10 by default), so the
    /// clock preempts it, and above every normal thread, so SIP, PDF rasterising, e-mail or another process cannot starve
    /// the terminals (under load a normal-priority worker, even at nice −15, fell seconds behind and T.30 failed).
    /// </summary>
    public const int RealTimePriority = 5;

    /// <summary>
    /// The longest the worker runs without a break while catching up, and the break it then takes: at most ~90 % of a
    /// core, under the kernel's real-time budget (<c>sched_rt_runtime_us</c>, 95 % of each second), which a burst of page
    /// ends would otherwise use up and so throttle every real-time thread on the core, the media clock included; the
    /// break also lets the box's normal threads (SIP) run during the burst.
    /// </summary>
    private static readonly long BurstLimit = Stopwatch.Frequency * 45 / 1000;

    private const int BurstBreakMilliseconds = 5;

    private static readonly long FramePeriod = Stopwatch.Frequency * AudioFrame.Milliseconds / 1000;

    private readonly IMediaTickHandler _inner;
    private readonly Func<bool> _hasWork;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly AutoResetEvent _wake = new(false);
    private readonly ManualResetEventSlim _caughtUp = new(true);
    private long _posted = -1;
    private long _postedStamp;
    private long _postedLateness;
    private long _origin = long.MinValue;
    private long _run = -1;
    private long _ticksRun;
    private long _lateTicks;
    private long _maxLag;
    private long _faults;
    private bool _idle = true;
    private volatile bool _stopping;

    /// <summary>Starts the worker thread.</summary>
    /// <param name="inner">What runs on the worker once per tick (the terminal calls).</param>
    /// <param name="hasWork">
    /// Media thread: whether <paramref name="inner"/> has anything to tick (calls in progress or work posted); when false
    /// the worker is not woken and, once woken, runs only the newest tick.
    /// </param>
    /// <param name="logger">Where a fault of <paramref name="inner"/> is logged.</param>
    public TerminalTickWorker(IMediaTickHandler inner, Func<bool> hasWork, ILogger logger)
    {
        _inner = inner;
        _hasWork = hasWork;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "FaxBox fax terminals", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Ticks the worker has run.</summary>
    public long TicksRun => Interlocked.Read(ref _ticksRun);

    /// <summary>Ticks the worker ran a whole frame (20 ms) or more after the media clock's tick was due.</summary>
    public long LateTicks => Interlocked.Read(ref _lateTicks);

    /// <summary>The most a tick ran after it was due (the media clock's own lateness included).</summary>
    public TimeSpan MaxLag => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _maxLag));

    /// <summary>Ticks whose <c>inner</c> handler threw (logged; the worker carries on).</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>Forgets <see cref="TicksRun"/>, <see cref="LateTicks"/> and <see cref="MaxLag"/> (between bench batches).</summary>
    public void ResetFigures()
    {
        Interlocked.Exchange(ref _ticksRun, 0);
        Interlocked.Exchange(ref _lateTicks, 0);
        Interlocked.Exchange(ref _maxLag, 0);
    }

    /// <summary>Media thread: records the tick and wakes the worker when there is work; returns at once.</summary>
    public void OnTick(in MediaTick tick)
    {
        if (_origin == long.MinValue)
        {
            Volatile.Write(ref _origin, tick.Due.Ticks - (tick.Index * AudioFrame.Duration.Ticks));
        }

        Volatile.Write(ref _postedStamp, Stopwatch.GetTimestamp());
        Volatile.Write(ref _postedLateness, tick.Lateness.Ticks);
        Volatile.Write(ref _posted, tick.Index);
        if (!_stopping && _hasWork())
        {
            try
            {
                _caughtUp.Reset();
                _wake.Set();
            }
            catch (ObjectDisposedException)
            {
                // A tick raced with Dispose: the worker is gone and has nothing more to run.
            }
        }
    }

    /// <summary>
    /// Waits until the worker has run every tick posted so far (or had nothing to do), at most <paramref name="timeout"/>;
    /// false on time-out. For tests that step a virtual clock and need the terminals in step with it.
    /// </summary>
    public bool WaitCaughtUp(TimeSpan timeout) => _caughtUp.Wait(timeout);

    /// <summary>Stops the worker after the tick it is running (bounded wait) and frees the wake-up event.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _wake.Set();
        if (Environment.CurrentManagedThreadId != _thread.ManagedThreadId)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        _wake.Dispose();
        _caughtUp.Set();
    }

    /// <summary>Whether the worker thread runs under SCHED_FIFO (<see cref="RealTimePriority"/>); false where not allowed.</summary>
    public bool PriorityApplied { get; private set; }

    private void Run()
    {
        PriorityApplied = Media.Scheduling.RealTimeThread.TryUseFifo(RealTimePriority);
        while (true)
        {
            _wake.WaitOne();
            if (_stopping)
            {
                return;
            }

            long target;
            if (_idle || !_hasWork())
            {
                // Idle since the last run: the ticks in between had nothing to tick, so nothing depends on them; the newest
                // one carries the media time forward and runs what was posted meanwhile.
                _run = Math.Max(_run, Volatile.Read(ref _posted) - 1);
            }

            var burst = Stopwatch.GetTimestamp();
            while (!_stopping && (target = ReadPosted(out var postedStamp)) > _run)
            {
                if (PriorityApplied && Stopwatch.GetTimestamp() - burst > BurstLimit)
                {
                    Thread.Sleep(BurstBreakMilliseconds);
                    burst = Stopwatch.GetTimestamp();
                }

                var index = ++_run;
                var stamp = postedStamp - ((target - index) * FramePeriod);
                var lag = Stopwatch.GetTimestamp() - stamp + (Volatile.Read(ref _postedLateness) * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
                var due = TimeSpan.FromTicks(Volatile.Read(ref _origin) + (index * AudioFrame.Duration.Ticks));
                try
                {
                    _inner.OnTick(new MediaTick(index, due, Stopwatch.GetElapsedTime(0, Math.Max(0, lag))));
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref _faults);
                    LogFault(_logger, index, e);
                }

                if (lag >= FramePeriod)
                {
                    Interlocked.Increment(ref _lateTicks);
                }

                if (lag > Interlocked.Read(ref _maxLag))
                {
                    Interlocked.Exchange(ref _maxLag, lag);
                }

                Interlocked.Increment(ref _ticksRun);
            }

            _idle = !_hasWork();
            if (Volatile.Read(ref _posted) <= _run)
            {
                _caughtUp.Set();
            }
        }
    }

    /// <summary>The newest tick's index and when it was posted, read as one pair (the media thread writes the stamp first).</summary>
    private long ReadPosted(out long stamp)
    {
        long index;
        do
        {
            stamp = Volatile.Read(ref _postedStamp);
            index = Volatile.Read(ref _posted);
        }
        while (stamp != Volatile.Read(ref _postedStamp));

        return index;
    }

    [LoggerMessage(EventId = LogEventIds.CallControl + 101, Level = LogLevel.Error, Message = "fax terminal tick {Index} failed; the terminal thread carries on")]
    private static partial void LogFault(ILogger logger, long index, Exception exception);
}
