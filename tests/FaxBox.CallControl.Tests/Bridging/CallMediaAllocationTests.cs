namespace FaxBox.CallControl.Tests.Bridging;

/// <summary>
/// No allocation per frame in steady state, measured with the runtime's per-thread counter around the two call media's
/// Exchange calls during a whole fax in each mode, after a first whole fax as warm-up (first-use static initialisation,
/// such as the G.711 tables, is not per-frame cost). Frames in which a T.30 frame or a fax tone was reported are left
/// out: those events carry a new object by contract (a T.30 frame's bytes), a few per call.
/// <para>
/// Measured: 0 B in most runs; in some, one or two 56-byte objects in a whole fax (thousands of frames), inside the
/// socket send/receive calls of the RTP/UDPTL sessions (found by bracketing each step). So the bound is an average far
/// below the smallest object (24 B): anything allocated per frame, or per packet, fails it.
/// </para>
/// </summary>
public sealed class CallMediaAllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_whole_fax_allocates_nothing_per_frame_outside_T30_and_tone_events(bool t38)
    {
        Run(t38);
        var (steadyFrames, steadyBytes, where) = Run(t38);

        Assert.True(steadyFrames > 500, $"only {steadyFrames} steady frames measured");
        Assert.True(steadyBytes <= steadyFrames / 10, $"{steadyBytes} B allocated in {steadyFrames} steady frames: {string.Join(", ", where)}");
    }

    private static (int Frames, long Bytes, List<string> Where) Run(bool t38)
    {
        using var pair = new BridgePair();
        if (t38)
        {
            pair.UseT38();
        }
        else
        {
            pair.UseG711(faxAdapted: true);
        }

        var steadyFrames = 0;
        long steadyBytes = 0;
        var where = new List<string>();
        var eventsBefore = 0;
        pair.RunToEnd(() =>
        {
            int events = pair.A.T30FramesSeen + pair.B.T30FramesSeen + pair.Tones.Count;
            if (pair.Frames > 50 && events == eventsBefore)
            {
                steadyFrames++;
                steadyBytes += pair.LastTickAllocated;
                if (pair.LastTickAllocated > 0)
                {
                    where.Add($"frame {pair.Frames}: {pair.LastTickAllocated} B ({pair.LastTickAllocatedByA} B in A)");
                }
            }

            eventsBefore = events;
        });

        Assert.True(pair.Receiver.Result!.Success, pair.Receiver.Result.T30Text);
        return (steadyFrames, steadyBytes, where);
    }
}
