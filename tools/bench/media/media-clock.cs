#:project ../../../firmware/FaxBox.Media/FaxBox.Media.csproj
#:property PublishAot=false
#:property TreatWarningsAsErrors=true
#:property TieredCompilation=false

// Media clock lateness under load: N calls, each an RTP/G.711 pair with a fixed jitter buffer and a UDPTL pair with
// redundancy 3, over real loopback sockets, all driven by one RealTimeMediaClock. Prints lateness percentiles of an
// idle baseline run (same clock, no calls) and of the loaded run side by side, their ratio, allocations on the clock
// thread in steady state, and a verdict against the targets (p99.9 < 2 ms, worst < 10 ms).
// Tiered compilation is off (as it should be in the faxbox host): its call-counting and tier-up steps suspend the runtime
// for ~5 ms now and then, which lands on the media thread as lateness (measured: p99.9 5.3 ms with it, 0.1 ms without).
//   dotnet run tools/bench/media/media-clock.cs -- [--calls 32] [--seconds 300] [--baseline-seconds 60]
using System.Diagnostics;
using System.Net;
using FaxBox.Core;
using FaxBox.Media.G711;
using FaxBox.Media.Jitter;
using FaxBox.Media.Net;
using FaxBox.Media.Rtp;
using FaxBox.Media.Scheduling;
using FaxBox.Media.Udptl;

int calls = Arg("--calls", 32);
int seconds = Arg("--seconds", 300);
int baselineSeconds = Arg("--baseline-seconds", Math.Max(10, seconds / 5));

Result baseline = Run(0, baselineSeconds);
Result loaded = Run(calls, seconds);
Console.WriteLine();
Console.WriteLine($"{"run",-22} {"ticks",8} {"p50_ms",8} {"p99_ms",8} {"p99.9_ms",9} {"max_ms",8} {"skipped",8} {"alloc_B",8} fifo");
Print("baseline (0 calls)", baseline);
Print($"loaded ({calls} calls)", loaded);
Console.WriteLine($"{"ratio loaded/baseline",-22} {"",8} {R(loaded.P50, baseline.P50),8} {R(loaded.P99, baseline.P99),8} {R(loaded.P999, baseline.P999),9} {R(loaded.Max, baseline.Max),8}");
bool ok = loaded.P999 < 2 && loaded.Max < 10 && loaded.Skipped == 0;
Console.WriteLine($"verdict: p99.9 {loaded.P999:F3} ms (target < 2), worst {loaded.Max:F3} ms (target < 10), allocated on the clock thread in steady state {loaded.Allocated} B -> {(ok ? "MET" : "MISSED")}");
Console.WriteLine($"per call per tick: {loaded.CallMicros:F1} µs thread time (RTP send+poll, G.711, jitter buffer, UDPTL send+poll)");
return 0;

static Result Run(int calls, int seconds)
{
    var ports = new MediaPortAllocator(new MediaPortRange { MinPort = 30000, MaxPort = 39999 }, IPAddress.Loopback);
    var legs = new List<Call>();
    for (int i = 0; i < calls; i++)
    {
        legs.Add(new Call(ports, i));
    }

    // Warm up: one tick of every call on this thread, so first-call JIT does not land on the clock's first ticks.
    foreach (Call c in legs)
    {
        c.OnTick(new MediaTick(0, TimeSpan.Zero, TimeSpan.Zero));
    }

    using var clock = new RealTimeMediaClock();
    var driver = new Driver(legs, seconds * 50);
    using (clock.Register(driver))
    {
        clock.Start();
        if (!driver.Done.Wait(TimeSpan.FromSeconds(seconds + 60)))
        {
            throw new TimeoutException("the clock did not finish");
        }
    }

    foreach (Call c in legs)
    {
        c.Dispose();
    }

    LatenessHistogram h = clock.Lateness;
    return new Result(clock.Ticks, Ms(h.Percentile(0.5)), Ms(h.Percentile(0.99)), Ms(h.Percentile(0.999)), Ms(h.Max), clock.SkippedTicks,
        driver.AllocatedSteadyState, clock.RealTimePolicyApplied, driver.Worst(), calls == 0 ? 0 : driver.WorkTicks * 1e6 / Stopwatch.Frequency / driver.Ticks / calls);
}

static double Ms(TimeSpan t) => t.TotalMilliseconds;

static string R(double a, double b) => b <= 0 ? "n/a" : (a / b).ToString("F2");

static void Print(string name, Result r) =>
    Console.WriteLine($"{name,-22} {r.Ticks,8} {r.P50,8:F3} {r.P99,8:F3} {r.P999,9:F3} {r.Max,8:F3} {r.Skipped,8} {r.Allocated,8} {r.Fifo}  worst ticks: {r.Worst}");

int Arg(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}

sealed record Result(long Ticks, double P50, double P99, double P999, double Max, long Skipped, long Allocated, bool Fifo, string Worst, double CallMicros);

sealed class Driver(List<Call> calls, int totalTicks) : IMediaTickHandler
{
    private long _allocAtWarm = -1;
    private readonly long[] _worstIndex = new long[5];
    private readonly double[] _worstMs = new double[5];

    public string Worst() => string.Join(" ", Enumerable.Range(0, 5).OrderByDescending(i => _worstMs[i]).Select(i => $"#{_worstIndex[i]}={_worstMs[i]:F2}ms"));

    public ManualResetEventSlim Done { get; } = new();

    public long AllocatedSteadyState { get; private set; }

    public long WorkTicks { get; private set; }

    public long Ticks { get; private set; }

    public void OnTick(in MediaTick tick)
    {
        if (Done.IsSet)
        {
            return;
        }

        double late = tick.Lateness.TotalMilliseconds;
        int min = 0;
        for (int i = 1; i < 5; i++)
        {
            min = _worstMs[i] < _worstMs[min] ? i : min;
        }

        if (late > _worstMs[min])
        {
            _worstMs[min] = late;
            _worstIndex[min] = tick.Index;
        }

        long start = Stopwatch.GetTimestamp();
        foreach (Call c in calls)
        {
            c.OnTick(tick);
        }

        WorkTicks += Stopwatch.GetTimestamp() - start;
        Ticks++;
        if (tick.Index == 250)
        {
            _allocAtWarm = GC.GetAllocatedBytesForCurrentThread();
        }

        if (tick.Index >= totalTicks)
        {
            AllocatedSteadyState = _allocAtWarm < 0 ? -1 : GC.GetAllocatedBytesForCurrentThread() - _allocAtWarm;
            Done.Set();
        }
    }
}

sealed class Call : IRtpPacketHandler, IUdptlIfpHandler, IDisposable
{
    private readonly RtpSession _a;
    private readonly RtpSession _b;
    private readonly UdptlSession _fa;
    private readonly UdptlSession _fb;
    private readonly FixedJitterBuffer _jitter = new(new FixedJitterBufferOptions());
    private readonly short[] _pcm = new short[AudioFrame.Samples];
    private readonly short[] _decoded = new short[AudioFrame.Samples];
    private readonly short[] _out = new short[AudioFrame.Samples];
    private readonly byte[] _ulaw = new byte[AudioFrame.Samples];
    private readonly byte[] _ifp = [0xD0, 0x01, 0xE0, 0x00, 0x23, .. new byte[36]];
    private int _phase;

    public Call(MediaPortAllocator ports, int seed)
    {
        _b = RtpSession.Open(ports, new RtpSessionOptions(), new IPEndPoint(IPAddress.Loopback, 9), this);
        _a = RtpSession.Open(ports, new RtpSessionOptions(), _b.LocalRtpEndPoint, this);
        _fb = UdptlSession.Open(ports, new UdptlOptions(), new IPEndPoint(IPAddress.Loopback, 9), this);
        _fa = UdptlSession.Open(ports, new UdptlOptions(), _fb.LocalEndPoint, this);
        _phase = seed * 37;
    }

    public long Ifps { get; private set; }

    public void OnTick(in MediaTick tick)
    {
        for (int i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(8000 * Math.Sin((_phase++ % 8000) * 2 * Math.PI * 1800 / 8000));
        }

        G711MuLaw.Encode(_pcm, _ulaw);
        _a.SendAudio(0, _ulaw, AudioFrame.Samples);
        _a.Poll();
        _b.Poll();
        _jitter.Get(_out);
        _ifp[5] = (byte)tick.Index;
        _fa.SendIfp(_ifp);
        _fa.Poll(tick.Due);
        _fb.Poll(tick.Due);
    }

    public void OnRtpPacket(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        G711MuLaw.Decode(payload, _decoded.AsSpan(0, payload.Length));
        _jitter.Put(header.Timestamp, _decoded.AsSpan(0, payload.Length));
    }

    public void OnIfp(ReadOnlySpan<byte> ifp, ushort sequence) => Ifps++;

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _fa.Dispose();
        _fb.Dispose();
    }
}
