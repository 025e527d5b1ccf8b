using System.Runtime.ExceptionServices;
using Xunit.Abstractions;

namespace FaxBox.CallControl.Tests.Bridging;

/// <summary>
/// No allocation per frame in steady state, measured with the runtime's per-thread counter around the two call media's
/// Exchange calls during a whole fax in each mode, after a first whole fax as warm-up (first-use static initialisation,
/// such as the G.711 tables, is not per-frame cost). Frames in which a T.30 frame or a fax tone was reported are left
/// out: those events carry a new object by contract (a T.30 frame's bytes), a few per call.
/// <para>
/// The verdict counts frames, not bytes: anything allocated per frame or per packet allocates in hundreds of the
/// thousands of frames measured, so more than <see cref="RareFrames"/> allocating frames fails, and so does an average
/// of a tenth of the smallest object (24 B) per frame outside the largest one. Rare one-offs have been seen: a 56-byte
/// object in most runs, which went away with the runtime's dynamic PGO turned off (test processes now run without it:
/// tests/Directory.Build.props); and once in about a dozen CI runs, a single 4 312 B frame on B's side with the whole
/// suite running beside it, which never came back in isolation, under CPU and loopback load, in two full-suite runs
/// beside the admin tests, or with a jittery, lossy, reordering network (the tests below). Every allocating frame is
/// written to the test output with the exceptions thrown on the test thread and the methods the runtime compiled on it
/// meanwhile, so that a recurrence explains itself.
/// </para>
/// </summary>
public sealed class CallMediaAllocationTests(ITestOutputHelper output)
{
    private const int RareFrames = 3;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_whole_fax_allocates_nothing_per_frame_outside_T30_and_tone_events(bool t38)
    {
        Run(t38, jitterSeed: 0);
        Check(Run(t38, jitterSeed: 0));
    }

    /// <summary>
    /// The same over a relay that holds each datagram for up to 6 frames (reordering them), and for T.38 also drops 3 %:
    /// the jitter buffer's and the UDPTL decoder's late, reordered and recovered paths allocate nothing either.
    /// (G.711 fax gets no loss and up to 2 frames of delay: beyond that the fax itself fails, as it would on a real line.)
    /// </summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    public void A_whole_fax_over_a_jittery_reordering_network_allocates_nothing_per_frame(bool t38, int seed)
    {
        Run(t38, seed);
        Check(Run(t38, seed));
    }

    private void Check(Measurement m)
    {
        foreach (string line in m.Where)
        {
            output.WriteLine(line);
        }

        Assert.True(m.SteadyFrames > 500, $"only {m.SteadyFrames} steady frames measured");
        string detail = $"{m.AllocatingFrames} of {m.SteadyFrames} steady frames allocated {m.Bytes} B (largest {m.LargestFrame} B): {string.Join("; ", m.Where)}";
        Assert.True(m.AllocatingFrames <= RareFrames, detail);
        Assert.True(m.Bytes - m.LargestFrame <= m.SteadyFrames / 10, detail);
    }

    private static Measurement Run(bool t38, int jitterSeed)
    {
        using var pair = new BridgePair();
        using LossyRelay? relay = jitterSeed == 0 ? null : t38
            ? new LossyRelay(pair.A.ImageEndPoint, pair.B.ImageEndPoint, lossPercent: 3, jitterSeed, maxDelayTicks: 12)
            : new LossyRelay(pair.A.AudioEndPoint, pair.B.AudioEndPoint, lossPercent: 0, jitterSeed, maxDelayTicks: 4);
        pair.Network = relay is null ? null : relay.Pump;
        if (t38)
        {
            pair.A.UseT38(relay?.ForA ?? pair.B.ImageEndPoint, BridgePair.DefaultT38);
            pair.B.UseT38(relay?.ForB ?? pair.A.ImageEndPoint, BridgePair.DefaultT38);
        }
        else
        {
            pair.A.UseAudio(relay?.ForA ?? pair.B.AudioEndPoint, 0, -1, faxAdapted: true);
            pair.B.UseAudio(relay?.ForB ?? pair.A.AudioEndPoint, 0, -1, faxAdapted: true);
        }

        var m = new Measurement();
        int thread = Environment.CurrentManagedThreadId;
        var thrown = new List<string>();
        void OnThrow(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                thrown.Add($"frame {pair.Frames}: {e.Exception.GetType().Name} ({e.Exception.Message}) thrown at {e.Exception.TargetSite}");
            }
        }

        var eventsBefore = 0;
        AppDomain.CurrentDomain.FirstChanceException += OnThrow;
        try
        {
            pair.RunToEnd(() =>
            {
                int events = pair.A.T30FramesSeen + pair.B.T30FramesSeen + pair.Tones.Count;
                if (pair.Frames > 50 && events == eventsBefore)
                {
                    m.Add(pair);
                }

                eventsBefore = events;
            });
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= OnThrow;
        }

        m.Where.AddRange(thrown);
        Assert.True(pair.Receiver.Result!.Success, pair.Receiver.Result.T30Text);
        if (relay is not null)
        {
            Assert.True(relay.Delayed > 100, $"the relay held back only {relay.Delayed} datagrams");
            Assert.True(!t38 || relay.Dropped > 5, $"the relay dropped only {relay.Dropped} datagrams");
        }

        return m;
    }

    private sealed class Measurement
    {
        public int SteadyFrames { get; private set; }

        public long Bytes { get; private set; }

        public long LargestFrame { get; private set; }

        public int AllocatingFrames { get; private set; }

        public List<string> Where { get; } = [];

        public void Add(BridgePair pair)
        {
            SteadyFrames++;
            long bytes = pair.LastTickAllocated;
            if (bytes == 0)
            {
                return;
            }

            Bytes += bytes;
            LargestFrame = Math.Max(LargestFrame, bytes);
            AllocatingFrames++;
            Where.Add($"frame {pair.Frames}: {bytes} B ({pair.LastTickAllocatedByA} B in A; {pair.LastTickJitted} methods compiled on the thread, {pair.LastTickCollections} gen-0 collections meanwhile)");
        }
    }
}
