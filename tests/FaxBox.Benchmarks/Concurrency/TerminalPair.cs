using System.Diagnostics;
using FaxBox.Benchmarks.Gateway;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Terminals;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface;
using FaxBox.Media.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Benchmarks.Concurrency;

/// <summary>
/// Two boxes in this process, gateways only (no line ports): box A's fax terminal calls box B's terminal number over SIP on
/// 127.0.0.1 and both sides carry the fax over T.38 on real UDPTL sockets. One media clock ticks both gateways (every
/// terminal call on it: no thread per call): the real-time 20 ms clock of the firmware, or a virtual one as fast as it goes.
/// </summary>
internal sealed class TerminalPair : IAsyncDisposable
{
    public const string TerminalNumber = "300";

    /// <summary>First media port of box A; box B's range follows it.</summary>
    private const int MediaPortBase = 20_000;

    /// <summary>How often the main thread samples memory and concurrency while the batch runs.</summary>
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(50);

    private readonly CallControl.Gateway _a;
    private readonly CallControl.Gateway _b;
    private readonly CountingFaxSink _sink;
    private readonly PairTicker _ticker;

    private TerminalPair(CallControl.Gateway a, CallControl.Gateway b, CountingFaxSink sink)
    {
        _a = a;
        _b = b;
        _sink = sink;
        _ticker = new PairTicker(a, b);
    }

    /// <summary>
    /// Builds the pair for <paramref name="calls"/> concurrent faxes: each box may hold that many terminal calls and gets a
    /// media port range of four ports per call plus slack (RTP + RTCP while the call starts as audio, then UDPTL).
    /// </summary>
    /// <param name="engine">The fax engine both boxes' terminals run on.</param>
    /// <param name="calls">The batch size: each box may hold that many terminal calls.</param>
    /// <param name="inbox">Where box B writes the faxes it receives.</param>
    /// <param name="ownThread">
    /// Terminal calls on each box's terminal thread (<see cref="TerminalOptions.OwnThread"/>, as <c>faxbox run</c> has it)
    /// rather than on the media tick; the real-time runs set it, the virtual-clock ones cannot (the threads would run the
    /// two boxes out of step).
    /// </param>
    public static TerminalPair Create(IFaxEngine engine, int calls, string inbox, bool ownThread)
    {
        var span = (4 * calls) + 200;
        var optionsB = Options("boxb", null, calls, MediaPortBase + span + 100, span, ownThread);
        var b = CallControl.Gateway.Create(optionsB, new Dictionary<int, ILinePort>(), new CallMediaFactory(optionsB.Media, engine, NullLoggerFactory.Instance), new NoDns(), new StatusBoard("boxb"), NullLoggerFactory.Instance);
        var sink = new CountingFaxSink(inbox);
        b.FaxSink = sink;
        b.Start();
        var target = $"127.0.0.1:{b.SipEndPoints.Values.First().Port}";
        var optionsA = Options("boxa", target, calls, MediaPortBase, span, ownThread);
        var a = CallControl.Gateway.Create(optionsA, new Dictionary<int, ILinePort>(), new CallMediaFactory(optionsA.Media, engine, NullLoggerFactory.Instance), new NoDns(), new StatusBoard("boxa"), NullLoggerFactory.Instance);
        a.Start();
        return new TerminalPair(a, b, sink);
    }

    private static GatewayOptions Options(string name, string? target, int calls, int portMin, int span, bool ownThread) => new()
    {
        Name = name,
        Accounts = [new SipAccountSettings { Name = "trunk", Username = name, Port = 0, Target = target }],
        Media = new MediaOptions { PortMin = portMin, PortMax = portMin + span - 1 },
        Terminal = new TerminalOptions { Numbers = [TerminalNumber], LocalIdent = name.ToUpperInvariant(), MaxCalls = calls, OwnThread = ownThread },
        DialPlan = new DialPlanOptions { Patterns = ["3xx", "x.#"] },
    };

    /// <summary>
    /// Sends <paramref name="calls"/> copies of <paramref name="document"/> at once and ticks both boxes until every send has
    /// ended and B has every outcome (or <paramref name="limit"/> of wall time), sampling memory and concurrency meanwhile.
    /// </summary>
    /// <param name="document">The TIFF every call sends.</param>
    /// <param name="calls">How many faxes.</param>
    /// <param name="fast">Virtual clock as fast as it goes instead of the real-time one.</param>
    /// <param name="ramp">Time over which the calls start; zero starts them all at once.</param>
    /// <param name="limit">Wall-time bound.</param>
    /// <param name="snapshotAt">Virtual clock only: the media time of the garbage-collected snapshot (mid_call_*).</param>
    /// <param name="profile">When given, counts the allocations of the calls (not of the check of the received files).</param>
    public async Task<BatchMeasurement> RunBatchAsync(string document, int calls, bool fast, TimeSpan ramp, TimeSpan limit, TimeSpan snapshotAt, AllocationProfile? profile)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var (rssBefore, anonBefore) = ProcessStatus.Statm();
        var heapBefore = GC.GetTotalMemory(false);
        var nativeBefore = NativeHeap.InUseBytes();
        long rssPeak = rssBefore, anonPeak = anonBefore, heapPeak = heapBefore, nativePeak = nativeBefore;
        foreach (var worker in Workers)
        {
            worker.ResetFigures();
        }

        int peakConcurrent = 0, peakFds = ProcessStatus.OpenFiles(), threadsBefore = ProcessStatus.Threads(), peakThreads = threadsBefore;

        RealTimeMediaClock? clock = null;
        IDisposable? registration = null;
        if (!fast)
        {
            clock = new RealTimeMediaClock();
            registration = clock.Register(_ticker);
        }

        _ticker.Reset();
        profile?.Start();
        var cpu0 = ProcessCpuClock.NowNs();
        var allocated0 = GC.GetTotalAllocatedBytes();
        var gcs0 = GC.CollectionCount(0);
        var pauses0 = GC.GetTotalPauseDuration();
        var start = Stopwatch.GetTimestamp();
        clock?.Start();
        var sends = new Task<FaxCallOutcome>[calls];
        var ends = new long[calls];
        var endTicks = new long[calls];
        var started = 0;
        void StartDue(TimeSpan elapsed)
        {
            // Call i starts at i/N of the ramp (all at once without one), as an outbox would pace them.
            for (; started < calls && (ramp <= TimeSpan.Zero || elapsed >= ramp * started / calls); started++)
            {
                StartOne(started);
            }
        }

        void StartOne(int i)
        {
            var request = new FaxCallRequest(TerminalNumber, document, FaxTransport.T38, true, 14_400, null, ConcurrencyBench.SenderIdent, null, $"bench {i}");
            sends[i] = _a.SendAsync(request, null, CancellationToken.None);
            var index = i;
            _ = sends[i].ContinueWith(
                _ =>
                {
                    ends[index] = Stopwatch.GetTimestamp();
                    endTicks[index] = _ticker.Ticks;
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        StartDue(TimeSpan.Zero);

        bool Done() => started == calls && sends.All(s => s.IsCompleted) && _sink.Completions.Count >= _sink.Offers;
        var samples = 0;
        long midHeap = 0, midRss = 0, midAnon = 0, midNative = 0, midMallocFree = 0, midGcCommitted = 0;
        var mallocFreeBefore = NativeHeap.FreeHeldBytes();
        var gcCommittedBefore = GC.GetGCMemoryInfo().TotalCommittedBytes;
        void Sample()
        {
            var (rss, anon) = ProcessStatus.Statm();
            rssPeak = Math.Max(rssPeak, rss);
            anonPeak = Math.Max(anonPeak, anon);
            heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
            nativePeak = Math.Max(nativePeak, NativeHeap.InUseBytes());
            peakConcurrent = Math.Max(peakConcurrent, _b.TerminalCalls);
            if (samples++ % 20 == 0)
            {
                // Once a second: listing /proc/self/fd allocates a string per descriptor.
                peakFds = Math.Max(peakFds, ProcessStatus.OpenFiles());
                peakThreads = Math.Max(peakThreads, ProcessStatus.Threads());
            }
        }

        var deadline = start + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        if (fast)
        {
            var virtualClock = new VirtualMediaClock();
            using var fastRegistration = virtualClock.Register(_ticker);
            var lastSample = start;
            var midpoint = false;
            while (!Done() && Stopwatch.GetTimestamp() < deadline)
            {
                StartDue(virtualClock.Now);
                virtualClock.Advance();
                if (!midpoint && virtualClock.Now >= snapshotAt)
                {
                    // Virtual clock only (a full collection would stall the real-time one): what every call holds
                    // half-way through its page, garbage collected.
                    midpoint = true;
                    midHeap = GC.GetTotalMemory(forceFullCollection: true);
                    (midRss, midAnon) = ProcessStatus.Statm();
                    midNative = NativeHeap.InUseBytes();
                    midMallocFree = NativeHeap.FreeHeldBytes();
                    midGcCommitted = GC.GetGCMemoryInfo().TotalCommittedBytes;
                }
                if (Stopwatch.GetElapsedTime(lastSample) >= SamplePeriod)
                {
                    Sample();
                    lastSample = Stopwatch.GetTimestamp();
                }

                if (_a.PendingSignalling > 0 || _b.PendingSignalling > 0)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                }
                else if (virtualClock.Ticks % 25 == 0)
                {
                    await Task.Yield();
                }
            }
        }
        else
        {
            using var timer = new PeriodicTimer(SamplePeriod);
            while (!Done() && Stopwatch.GetTimestamp() < deadline)
            {
                StartDue(Stopwatch.GetElapsedTime(start));
                Sample();
                await timer.WaitForNextTickAsync().ConfigureAwait(false);
            }
        }

        Sample();
        var duration = Stopwatch.GetElapsedTime(start);
        var cpuMs = (ProcessCpuClock.NowNs() - cpu0) / 1e6;
        var allocated = GC.GetTotalAllocatedBytes() - allocated0;
        var gcs = GC.CollectionCount(0) - gcs0;
        var pauses = GC.GetTotalPauseDuration() - pauses0;
        profile?.Stop();
        registration?.Dispose();
        clock?.Dispose();

        var (failures, pages, firstFailure) = Verdict(document, sends, calls);

        var callTimes = ends.Where(e => e != 0).Select(e => Stopwatch.GetElapsedTime(start, e)).Order().ToArray();
        var median = callTimes.Length == 0 ? TimeSpan.Zero : callTimes[callTimes.Length / 2];
        var max = callTimes.Length == 0 ? TimeSpan.Zero : callTimes[^1];
        var mediaTimes = endTicks.Where(e => e != 0).Select(e => e * Core.AudioFrame.Duration).Order().ToArray();
        var mediaMedian = mediaTimes.Length == 0 ? TimeSpan.Zero : mediaTimes[mediaTimes.Length / 2];
        return new BatchMeasurement(
            calls, failures, pages, peakConcurrent, duration, median, max, mediaMedian, _ticker.Ticks * Core.AudioFrame.Duration, rssBefore, rssPeak, heapBefore, heapPeak, midHeap, midRss, allocated, gcs, cpuMs,
            _ticker.Ticks, _ticker.LateTicks, _ticker.OverrunTicks, _ticker.MaxLateness, _ticker.MaxWork, _ticker.MaxWorkAt, _ticker.MeanWork,
            clock?.SkippedTicks ?? 0, peakFds, threadsBefore, peakThreads, firstFailure)
        {
            AnonBefore = anonBefore,
            AnonPeak = anonPeak,
            MidCallAnon = midAnon,
            MidCallMallocFreeGrowth = midMallocFree - mallocFreeBefore,
            MidCallGcCommittedGrowth = midGcCommitted - gcCommittedBefore,
            SnapshotAt = snapshotAt,
            NativeBefore = nativeBefore,
            NativePeak = nativePeak,
            MidCallNative = midNative,
            LateTicksAfterCollection = _ticker.LateTicksAfterCollection,
            CollectionPauses = pauses,
            TerminalThreads = Workers.Length,
            TerminalRealTime = Workers.Length > 0 && Workers.All(w => w.PriorityApplied),
            TerminalLateTicks = Workers.Sum(w => w.LateTicks),
            TerminalMaxLag = Workers.Select(w => w.MaxLag).DefaultIfEmpty(TimeSpan.Zero).Max(),
            TerminalFaults = Workers.Sum(w => w.Faults),
        };
    }

    /// <summary>Both boxes' terminal threads, or none when the terminal calls run on the media tick.</summary>
    private CallControl.Terminals.TerminalTickWorker[] Workers =>
        _a.TerminalWorkers.Concat(_b.TerminalWorkers).ToArray();

    /// <summary>A fax counts as failed unless A says sent with one page, B says received with one page, and B's file is the same page.</summary>
    private (int Failures, int Pages, string? First) Verdict(string document, Task<FaxCallOutcome>[] sends, int calls)
    {
        string? first = null;
        var senderFailures = 0;
        foreach (var send in sends)
        {
            if (send is null)
            {
                senderFailures++;
                first ??= "sender: never started (the batch ran out of time while ramping up)";
            }
            else if (!send.IsCompletedSuccessfully || send.Result is not { Kind: FaxCallOutcomeKind.Sent, PagesSent: 1 })
            {
                senderFailures++;
                first ??= send.IsCompletedSuccessfully ? $"sender: {send.Result.Kind} {send.Result.Reason}" : $"sender: {send.Status} {send.Exception?.GetBaseException().Message}";
            }
        }

        var receiverFailures = Math.Max(0, calls - _sink.Completions.Count);
        var pages = 0;
        if (receiverFailures > 0)
        {
            first ??= $"receiver: {_sink.Completions.Count} of {calls} faxes arrived ({_sink.Offers} offered)";
        }

        foreach (var outcome in _sink.Completions)
        {
            if (!outcome.Success || outcome.Pages != 1)
            {
                receiverFailures++;
                first ??= $"receiver: {outcome.Result} ({outcome.Pages} pages)";
                continue;
            }

            var comparison = FaxDocumentComparer.Compare(document, outcome.ReceivePath);
            if (!comparison.Identical)
            {
                receiverFailures++;
                first ??= $"receiver: {outcome.ReceivePath} differs: {comparison}";
                continue;
            }

            pages += outcome.Pages;
        }

        return (Math.Max(senderFailures, receiverFailures), pages, first);
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync().ConfigureAwait(false);
        await _b.DisposeAsync().ConfigureAwait(false);
    }
}
