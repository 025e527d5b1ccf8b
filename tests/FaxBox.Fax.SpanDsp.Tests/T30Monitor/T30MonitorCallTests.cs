using Xunit.Abstractions;
using FaxBox.Fax.SpanDsp.Tests.Audio;

namespace FaxBox.Fax.SpanDsp.Tests.T30Monitor;

/// <summary>
/// The monitor against the truth of a real call: two native terminals back to back, one monitor per direction. What a
/// monitor decodes from one direction's audio must be exactly the frames the terminal on that side sent (its own
/// outgoing reports) and the terminal on the other side received (its incoming reports).
/// </summary>
public sealed class T30MonitorCallTests(ITestOutputHelper output)
{
    private static string Document => TestPaths.SharedFile("captures/test-2p-g3.tif");

    public static TheoryData<bool, Companding> Calls() => new()
    {
        { true, Companding.Linear },
        { false, Companding.Linear },
        { true, Companding.ALaw },
        { false, Companding.MuLaw },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Each_monitor_sees_exactly_the_V21_frames_its_direction_carried(bool ecm, Companding law)
    {
        using var temp = TestPaths.NewTempFolder();
        using var call = new MonitoredCall(Document, temp.File("rx.tif"), ecm, law);

        call.RunToEnd();

        Assert.True(call.Sender.Result!.Success, call.Sender.Result.T30Text);
        Assert.True(call.Receiver.Result!.Success, call.Receiver.Result.T30Text);
        Assert.Equal(2, call.Receiver.Result.Statistics.PagesTransferred);
        Assert.Equal(ecm, call.Receiver.Result.Statistics.Ecm);

        var sentByA = V21Frames(call.SenderFrames.Where(f => !f.Incoming));
        var receivedByB = V21Frames(call.ReceiverFrames.Where(f => f.Incoming));
        var sentByB = V21Frames(call.ReceiverFrames.Where(f => !f.Incoming));
        var receivedByA = V21Frames(call.SenderFrames.Where(f => f.Incoming));
        var monitoredAToB = Hex(call.AToBFrames);
        var monitoredBToA = Hex(call.BToAFrames);
        output.WriteLine("A->B monitor: " + string.Join(" ", call.AToBFrames.Select(Describe)));
        output.WriteLine("B->A monitor: " + string.Join(" ", call.BToAFrames.Select(Describe)));

        Assert.Equal(sentByA, monitoredAToB);
        Assert.Equal(receivedByB, monitoredAToB);
        Assert.Equal(sentByB, monitoredBToA);
        Assert.Equal(receivedByA, monitoredBToA);
        Assert.All(call.AToBFrames.Concat(call.BToAFrames), f => Assert.True(f.Incoming));

        // The T.30 procedure of a two-page call, in order, by direction (T.30 §5, Figure 5-2).
        var aToB = call.AToBFrames.Select(f => f.Type).ToList();
        var bToA = call.BToAFrames.Select(f => f.Type).ToList();
        Assert.Equal(T30FrameType.Csi, bToA[0]);
        Assert.Equal(T30FrameType.Dis, bToA[1]);
        Assert.Equal([T30FrameType.Tsi, T30FrameType.Dcs], aToB.Take(2));
        Assert.Contains(T30FrameType.Cfr, bToA);
        Assert.Equal(T30FrameType.Dcn, aToB[^1]);
        if (ecm)
        {
            // ECM: each page ends with PPS-MPS / PPS-EOP (the post-page command in the PPS frame's FIF), answered by MCF.
            Assert.Equal(2, aToB.Count(t => t == T30FrameType.Pps));
            var ppsCommands = call.AToBFrames.Where(f => f.Type == T30FrameType.Pps).Select(f => T30Frames.TypeOf(f.Frame[3])).ToList();
            Assert.Equal([T30FrameType.Mps, T30FrameType.Eop], ppsCommands);
        }
        else
        {
            Assert.Equal([T30FrameType.Mps, T30FrameType.Eop], aToB.Where(t => t is T30FrameType.Mps or T30FrameType.Eop));
        }

        Assert.Equal(2, bToA.Count(t => t == T30FrameType.Mcf));
        Assert.Equal("+41 44 222 22 22", Ident(call.BToAFrames.First(f => f.Type == T30FrameType.Csi)));
        Assert.Equal("+41 44 111 11 11", Ident(call.AToBFrames.First(f => f.Type == T30FrameType.Tsi)));

        // Timing: both decode the frame in the same 20 ms tick; the terminal stamps it with the start of that tick (its
        // frames counted before it), the monitor with its end (frames fed, this one included).
        foreach (var (monitored, received) in call.AToBFrames.Zip(call.ReceiverFrames.Where(f => f.Incoming && IsV21(f))))
        {
            Assert.Equal(received.At + TimeSpan.FromMilliseconds(20), monitored.At);
        }

        Assert.True(call.AToBFrames.Zip(call.AToBFrames.Skip(1)).All(p => p.First.At < p.Second.At));
    }

    [Fact]
    public void A_monitor_on_an_answering_terminal_alone_sees_every_repeat_of_its_CSI_and_DIS()
    {
        using var temp = TestPaths.NewTempFolder();
        var engine = new SpanDspFaxEngine(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        using var receiver = engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = temp.File("rx.tif"), LocalIdent = "5551234" });
        using var monitor = engine.CreateT30Monitor();
        var sent = new List<T30FrameEventArgs>();
        var seen = new List<T30FrameEventArgs>();
        receiver.Frame += (_, e) => sent.Add(e);
        monitor.Frame += (_, e) => seen.Add(e);
        var audio = new short[Core.AudioFrame.Samples];
        var silence = new short[Core.AudioFrame.Samples];

        // T1 (35 s) with nobody answering: the answerer repeats CSI+DIS every few seconds (T.30 §5.2, T4 = 3 s).
        for (var i = 0; i < 1_500; i++)
        {
            receiver.TransmitAudio(audio);
            monitor.ReceiveAudio(audio);
            receiver.ReceiveAudio(silence);
        }

        Assert.InRange(sent.Count(f => f.Type == T30FrameType.Dis), 3, 20);
        Assert.Equal(V21Frames(sent), Hex(seen));
        Assert.Equal("5551234", Ident(seen[0]));
    }

    /// <summary>
    /// Frames carried by V.21: in ECM the FCD (0x06) and RCP (0x86) frames of T.4 Annex A travel in the fast modem's HDLC,
    /// which the monitor does not demodulate.
    /// </summary>
    private static bool IsV21(T30FrameEventArgs f) => f.Frame.Length < 3 || f.Frame[2] is not (0x06 or 0x86);

    private static List<string> V21Frames(IEnumerable<T30FrameEventArgs> frames) => Hex(frames.Where(IsV21));

    private static List<string> Hex(IEnumerable<T30FrameEventArgs> frames) => frames.Select(f => Convert.ToHexString(f.Frame)).ToList();

    private static string Describe(T30FrameEventArgs f) => $"{f.Type?.ToString() ?? Convert.ToHexString(f.Frame)}@{f.At.TotalSeconds:0.00}";

    /// <summary>The identity of a CSI/TSI frame: 20 digits sent last digit first (T.30 §5.3.6.2.4), trailing spaces trimmed.</summary>
    private static string Ident(T30FrameEventArgs f) =>
        new string(f.Frame.Skip(3).Reverse().Select(b => (char)b).ToArray()).Trim();
}
