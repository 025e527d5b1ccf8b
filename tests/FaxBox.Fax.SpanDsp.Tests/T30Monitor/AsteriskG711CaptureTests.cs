using FaxBox.Fax.Managed.Hdlc;
using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using Xunit.Abstractions;

namespace FaxBox.Fax.SpanDsp.Tests.T30Monitor;

/// <summary>
/// A third party's fax audio: two Asterisk 22 instances (res_fax_spandsp) faxing one page as G.711 µ-law over RTP
/// (/work/shared/captures/asterisk-g711-fax-1page.pcapng; B calls A, A answers with ReceiveFax). tshark cannot show T.30
/// here (its T.30 dissector reads T.38 only; there is no V.21 demodulator in Wireshark), so the frames are checked against
/// the T.30 procedure and against the project's own managed V.21 receiver and HDLC decoder, written independently from
/// V.21 and T.30 in FaxBox.Fax.Managed.
/// </summary>
public sealed class AsteriskG711CaptureTests(ITestOutputHelper output)
{
    private static readonly Lazy<RtpAudioCapture> Capture = new(() => RtpAudioCapture.Read(TestPaths.SharedFile("captures/asterisk-g711-fax-1page.pcapng")));

    [Fact]
    public void The_answerers_audio_carries_CSI_DIS_then_CFR_then_MCF()
    {
        var frames = Monitor(Capture.Value.CallerAudioPort, out var audio);

        Assert.Equal(
            [T30FrameType.Csi, T30FrameType.Dis, T30FrameType.Cfr, T30FrameType.Mcf],
            frames.Select(f => f.Type!.Value).Where(t => t is not T30FrameType.Nsf).Distinct());
        Assert.All(frames, f => Assert.InRange(f.At, TimeSpan.Zero, TimeSpan.FromMilliseconds(audio * 20)));
    }

    [Fact]
    public void The_callers_audio_carries_TSI_DCS_then_the_end_of_the_one_page_then_DCN()
    {
        var frames = Monitor(Capture.Value.CalleeAudioPort, out _);
        var types = frames.Select(f => f.Type!.Value).ToList();

        Assert.Equal(T30FrameType.Tsi, types[0]);
        Assert.Equal(T30FrameType.Dcs, types[1]);
        Assert.Equal(T30FrameType.Dcn, types[^1]);

        // One page: the post-page command is EOP, alone (non-ECM) or inside a PPS (ECM, T.30 §5.3.6.1.8).
        var postPage = frames.Where(f => f.Type is T30FrameType.Eop or T30FrameType.Mps or T30FrameType.Pps)
            .Select(f => f.Type == T30FrameType.Pps ? T30Frames.TypeOf(f.Frame[3]) : f.Type!.Value)
            .Distinct();
        Assert.Equal([T30FrameType.Eop], postPage);

        // The DCS picks a modem the DIS offered (T.30 Table 2, bits 11-14; octets stored first bit least significant):
        // in a DCS 0x0/0x2 are V.27ter, 0x1/0x3 V.29 and bit 14 set V.17; in a DIS bit 11 offers V.29, 12 V.27ter, 14 V.17.
        var dis = Monitor(Capture.Value.CallerAudioPort, out _).First(f => f.Type == T30FrameType.Dis).Frame;
        var dcs = frames.First(f => f.Type == T30FrameType.Dcs).Frame;
        Assert.True((dcs[4] & 0x02) != 0, "DCS bit 10 (receive fax operation) must be set");
        var code = (dcs[4] >> 2) & 0x0F;
        var offeredBit = (code & 0x08) != 0 ? 0x20 : (code & 0x01) != 0 ? 0x04 : 0x08;
        Assert.True((dis[4] & offeredBit) != 0, $"DCS modem code {code:X} was not offered in the DIS ({Convert.ToHexString(dis)})");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_monitor_and_the_managed_V21_HDLC_decoder_agree_frame_for_frame(bool towardsCaller)
    {
        var port = towardsCaller ? Capture.Value.CallerAudioPort : Capture.Value.CalleeAudioPort;
        var monitored = Monitor(port, out _);
        var audio = Capture.Value.AudioTo(port, out _);

        var reference = new ReferenceSink();
        using (var receiver = new ManagedModemFactory().CreateReceiver(new ModemOptions(ModemType.V21, 300), new HdlcDecoder(reference)))
        {
            foreach (var frame in audio)
            {
                reference.Tick();
                receiver.Receive(frame);
            }
        }

        Assert.NotEmpty(reference.Frames);
        Assert.Equal(reference.Frames.Select(f => Convert.ToHexString(f.Frame)), monitored.Select(f => Convert.ToHexString(f.Frame)));
        foreach (var (expected, actual) in reference.Frames.Zip(monitored))
        {
            Assert.InRange(actual.At - expected.At, TimeSpan.FromMilliseconds(-100), TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>
    /// tshark's T.30 view of the same two Asterisk instances faxing the same page by T.38 (ECM): per direction the same
    /// frame types in the same order and the same identities as the monitor decodes from their G.711 call.
    /// </summary>
    [Fact]
    public void The_frames_match_tsharks_T30_of_the_same_peers_T38_call()
    {
        var tshark = TsharkT30.Read(TestPaths.SharedFile("captures/asterisk-t38-ecm-1page.pcapng"))
            .Where(f => !(f.Type is (T30FrameType)0x06 or (T30FrameType)0x86)) // FCD/RCP: image data, not V.21 on an audio call
            .ToList();
        var answererPort = tshark.First(f => f.Type == T30FrameType.Csi).SourcePort;
        var answererMonitored = Monitor(Capture.Value.CallerAudioPort, out _);
        var callerMonitored = Monitor(Capture.Value.CalleeAudioPort, out _);

        Assert.Equal(
            tshark.Where(f => f.SourcePort == answererPort).Select(f => f.Type).Distinct(),
            answererMonitored.Select(f => f.Type!.Value).Distinct());
        Assert.Equal(
            tshark.Where(f => f.SourcePort != answererPort).Select(f => f.Type).Distinct(),
            callerMonitored.Select(f => f.Type!.Value).Distinct());
        Assert.Equal(tshark.Single(f => f.Type == T30FrameType.Csi).Number, Ident(answererMonitored.Single(f => f.Type == T30FrameType.Csi)));
        Assert.Equal(tshark.Single(f => f.Type == T30FrameType.Tsi).Number, Ident(callerMonitored.Single(f => f.Type == T30FrameType.Tsi)));
    }

    /// <summary>The identity of a CSI/TSI frame: 20 characters sent last character first (T.30 §5.3.6.2.4), trimmed.</summary>
    private static string Ident(T30FrameEventArgs f) => new string(f.Frame.Skip(3).Reverse().Select(b => (char)b).ToArray()).Trim();

    private List<T30FrameEventArgs> Monitor(int port, out int audioFrames)
    {
        var audio = Capture.Value.AudioTo(port, out var missing);
        Assert.Equal(0, missing);
        Assert.InRange(audio.Count, 800, 900); // the capture holds ~17 s of RTP each way
        audioFrames = audio.Count;

        using var monitor = T30MonitorRobustnessTests.Create();
        var frames = T30MonitorRobustnessTests.Collect(monitor);
        T30MonitorRobustnessTests.Feed(monitor, audio);
        output.WriteLine($"to port {port}: " + string.Join(" ", frames.Select(f => $"{f.Type}@{f.At.TotalSeconds:0.00}:{Convert.ToHexString(f.Frame)}")));
        return frames;
    }

    /// <summary>Frames from the managed decoder with a good FCS and a T.30 header, stamped like the monitor does.</summary>
    private sealed class ReferenceSink : IHdlcFrameSink
    {
        private long _ticks;

        public List<T30FrameEventArgs> Frames { get; } = [];

        public void Tick() => _ticks++;

        public void OnFrame(ReadOnlySpan<byte> frame, bool fcsOk)
        {
            if (fcsOk && frame.Length >= 3 && frame[0] == 0xFF && frame[1] is 0x03 or 0x13)
            {
                Frames.Add(new T30FrameEventArgs(true, frame.ToArray(), TimeSpan.FromMilliseconds(_ticks * 20)));
            }
        }

        public void OnEvent(HdlcEvent hdlcEvent)
        {
        }
    }
}
