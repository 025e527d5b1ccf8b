using FaxBox.CallControl.Records;
using FaxBox.Fax;

namespace FaxBox.CallControl.Tests.Records;

/// <summary>The per-fax record's T.30 view, from frame sequences as a gateway or a pair of monitors reports them.</summary>
public sealed class T30SessionObserverTests
{
    // Direction: the calling fax machine (sender) is on the line; the receiver is across the network.
    private const bool Line = true;
    private const bool Net = false;

    /// <summary>A T.30 frame: address, control (final frame), FCF, FIF.</summary>
    private static byte[] Frame(T30FrameType type, params byte[] fif) => [0xFF, 0x13, (byte)type, .. fif];

    /// <summary>A DCS FIF with T.30 Table 2 bits 11–14 = <paramref name="rateCode"/> (bit 11 first) and bit 27 = ECM.</summary>
    private static byte[] Dcs(int rateCode, bool ecm)
    {
        var fif = new byte[4];
        fif[1] = (byte)(0x02 | ((rateCode & 0x0F) << 2)); // bit 10 (receive) and bits 11–14
        fif[3] = (byte)(ecm ? 0x04 : 0); // bit 27: octet 4, third bit
        fif[2] = 0x00;
        return Frame(T30FrameType.Dcs, fif);
    }

    private static byte[] Pps(T30FrameType fcf2, byte page, byte block = 0) => Frame(T30FrameType.Pps, (byte)fcf2, page, block, 0x2A);

    private static T30Summary Run(params (bool FromLine, byte[] Frame)[] frames)
    {
        var observer = new T30SessionObserver();
        foreach (var (fromLine, frame) in frames)
        {
            observer.OnFrame(fromLine, frame);
        }

        return observer.Summary();
    }

    [Fact]
    public void Progress_reports_the_first_DCS_each_confirmed_page_once_and_DCN_in_order()
    {
        var observer = new T30SessionObserver();
        var steps = new List<T30Progress>();
        observer.Progress += (_, p) => steps.Add(p);
        (bool, byte[])[] frames =
        [
            (Net, Frame(T30FrameType.Dis, 0x00, 0x66)),
            (Line, Dcs(0b1000, ecm: true)), // V.17 14400
            (Net, Frame(T30FrameType.Ftt)),
            (Line, Dcs(0b0001, ecm: true)), // retrained at 9600: not a second phase B
            (Net, Frame(T30FrameType.Cfr)),
            (Line, Pps(T30FrameType.Mps, page: 0)),
            (Net, Frame(T30FrameType.Mcf)),
            (Line, Pps(T30FrameType.Mps, page: 0)), // the MCF was lost: a repeat, not a page
            (Net, Frame(T30FrameType.Mcf)),
            (Line, Pps(T30FrameType.Eop, page: 1)),
            (Net, Frame(T30FrameType.Mcf)),
            (Line, Frame(T30FrameType.Dcn)),
            (Net, Frame(T30FrameType.Dcn)), // after the end: nothing more
        ];
        foreach (var (fromLine, frame) in frames)
        {
            observer.OnFrame(fromLine, frame);
        }

        Assert.Equal(
            [new("B", 0, 14_400, true), new("D", 1, 9600, true), new("D", 2, 9600, true), new("E", 2, 9600, true)],
            steps);
    }

    [Fact]
    public void A_one_page_non_ECM_fax_ending_with_DCN_after_MCF_to_EOP_is_ok()
    {
        var summary = Run(
            (Net, Frame(T30FrameType.Dis, 0x00, 0x66)),
            (Line, Dcs(0b0001, ecm: false)), // V.29 9600
            (Net, Frame(T30FrameType.Cfr)),
            (Line, Frame(T30FrameType.Eop)),
            (Net, Frame(T30FrameType.Mcf)),
            (Line, Frame(T30FrameType.Dcn)));

        Assert.Equal(new T30Summary(1, 9600, false, "ok", true, true, 6), summary);
    }

    [Fact]
    public void ECM_pages_count_once_per_confirmed_PPS_page_and_not_for_partial_pages_or_repeats()
    {
        var summary = Run(
            (Line, Dcs(0b1000, ecm: true)), // V.17 14400
            (Net, Frame(T30FrameType.Cfr)),
            (Line, Pps(0, page: 0, block: 0)), // PPS-NULL: a partial page
            (Net, Frame(T30FrameType.Mcf)),
            (Line, Pps(T30FrameType.Mps, page: 0, block: 1)),
            (Net, Frame(T30FrameType.Mcf)),
            (Line, Pps(T30FrameType.Mps, page: 0, block: 1)), // repeated: the MCF was lost on the way back
            (Net, Frame(T30FrameType.Mcf)),
            (Line, Pps(T30FrameType.Eop, page: 1)),
            (Net, Frame(T30FrameType.Ppr, new byte[32])), // frames missing: retransmission
            (Line, Pps(T30FrameType.Eop, page: 1)),
            (Net, Frame(T30FrameType.Mcf)),
            (Line, Frame(T30FrameType.Dcn)));

        Assert.Equal(2, summary.Pages);
        Assert.Equal(14400, summary.BitRate);
        Assert.True(summary.Ecm);
        Assert.Equal("ok", summary.Result);
        Assert.True(summary.Success);
    }

    [Fact]
    public void Frames_with_the_X_bit_set_are_read_the_same()
    {
        var dcs = Dcs(0b1010, ecm: false); // V.17 12000
        dcs[2] |= 0x01;
        var summary = Run((Line, dcs), (Net, [0xFF, 0x13, 0x85]), (Line, [0xFF, 0x13, 0x2F]), (Net, [0xFF, 0x13, 0x8D]), (Line, [0xFF, 0x13, 0xFB]));

        Assert.Equal(new T30Summary(1, 12000, false, "ok", true, true, 5), summary);
    }

    [Fact]
    public void FTT_then_DCN_is_reported_as_FTT()
    {
        var summary = Run((Line, Dcs(0b1000, false)), (Net, Frame(T30FrameType.Ftt)), (Line, Frame(T30FrameType.Dcn)));

        Assert.Equal("FTT", summary.Result);
        Assert.False(summary.Success);
        Assert.True(summary.Complete);
        Assert.Equal(0, summary.Pages);
    }

    [Fact]
    public void FTT_followed_by_a_successful_retrain_does_not_stick()
    {
        var summary = Run(
            (Line, Dcs(0b1000, false)), (Net, Frame(T30FrameType.Ftt)),
            (Line, Dcs(0b1001, false)), (Net, Frame(T30FrameType.Cfr)), // V.17 9600
            (Line, Frame(T30FrameType.Eop)), (Net, Frame(T30FrameType.Mcf)), (Line, Frame(T30FrameType.Dcn)));

        Assert.Equal(new T30Summary(1, 9600, false, "ok", true, true, 7), summary);
    }

    [Fact]
    public void RTN_to_the_last_page_then_DCN_is_reported_as_RTN_without_the_page()
    {
        var summary = Run(
            (Line, Dcs(0b0011, false)), (Net, Frame(T30FrameType.Cfr)),
            (Line, Frame(T30FrameType.Eop)), (Net, Frame(T30FrameType.Rtn)), (Line, Frame(T30FrameType.Dcn)));

        Assert.Equal("RTN", summary.Result);
        Assert.Equal(0, summary.Pages);
        Assert.Equal(7200, summary.BitRate);
        Assert.False(summary.Success);
    }

    [Fact]
    public void RTP_confirms_the_page_it_answers()
    {
        var summary = Run(
            (Line, Dcs(0b0001, false)), (Net, Frame(T30FrameType.Cfr)),
            (Line, Frame(T30FrameType.Mps)), (Net, Frame(T30FrameType.Rtp)),
            (Line, Dcs(0b0011, false)), (Net, Frame(T30FrameType.Cfr)),
            (Line, Frame(T30FrameType.Eop)), (Net, Frame(T30FrameType.Mcf)), (Line, Frame(T30FrameType.Dcn)));

        Assert.Equal(new T30Summary(2, 7200, false, "ok", true, true, 9), summary);
    }

    [Fact]
    public void An_unanswered_EOP_before_DCN_is_no_response_to_EOP()
    {
        var summary = Run(
            (Line, Dcs(0b0001, false)), (Net, Frame(T30FrameType.Cfr)),
            (Line, Frame(T30FrameType.Mps)), (Net, Frame(T30FrameType.Mcf)),
            (Line, Frame(T30FrameType.Eop)), (Line, Frame(T30FrameType.Eop)), (Line, Frame(T30FrameType.Eop)),
            (Line, Frame(T30FrameType.Dcn)));

        Assert.Equal("no response to EOP", summary.Result);
        Assert.Equal(1, summary.Pages);
        Assert.False(summary.Success);
    }

    [Fact]
    public void An_unanswered_DCS_before_DCN_is_no_response_to_DCS()
    {
        var summary = Run((Line, Dcs(0b0001, false)), (Line, Dcs(0b0001, false)), (Line, Frame(T30FrameType.Dcn)));

        Assert.Equal("no response to DCS", summary.Result);
    }

    [Fact]
    public void An_MCF_from_the_side_that_sent_the_post_page_command_does_not_count()
    {
        var summary = Run((Line, Dcs(0b0001, false)), (Line, Frame(T30FrameType.Mps)), (Line, Frame(T30FrameType.Mcf)));

        Assert.Equal(0, summary.Pages);
    }

    [Fact]
    public void DCN_after_an_MCF_to_MPS_is_not_success()
    {
        var summary = Run(
            (Line, Dcs(0b0001, false)), (Net, Frame(T30FrameType.Cfr)),
            (Line, Frame(T30FrameType.Mps)), (Net, Frame(T30FrameType.Mcf)), (Net, Frame(T30FrameType.Dcn)));

        Assert.False(summary.Success);
        Assert.True(summary.Complete);
        Assert.Equal("DCN on page 2", summary.Result);
    }

    [Fact]
    public void A_call_that_ends_without_DCN_is_reported_on_the_page_it_was_on()
    {
        var observer = new T30SessionObserver();
        observer.OnFrame(Line, Dcs(0b1000, true));
        observer.OnFrame(Net, Frame(T30FrameType.Cfr));
        observer.OnFrame(Line, Pps(T30FrameType.Mps, 0));
        observer.OnFrame(Net, Frame(T30FrameType.Mcf));
        Assert.Equal("in progress: page 2", observer.Summary().Result);

        observer.CallEnded();

        var summary = observer.Summary();
        Assert.Equal("call ended on page 2", summary.Result);
        Assert.Equal(1, summary.Pages);
        Assert.False(summary.Complete);
        Assert.False(observer.Complete);
    }

    [Fact]
    public void Without_frames_the_result_says_no_session_or_why_there_is_no_view()
    {
        var observer = new T30SessionObserver();
        Assert.Equal(T30SessionObserver.NoSession, observer.Summary().Result);

        observer.NoView("no T.30 view in G.711 pass-through");
        observer.CallEnded();
        Assert.Equal("no T.30 view in G.711 pass-through", observer.Summary().Result);

        observer.OnFrame(Net, Frame(T30FrameType.Dis, 0x00, 0x66));
        observer.CallEnded();
        Assert.Equal("call ended before a page", observer.Summary().Result);
    }

    [Fact]
    public void Frames_after_DCN_and_short_frames_change_nothing()
    {
        var summary = Run(
            (Line, Dcs(0b0001, false)), (Net, Frame(T30FrameType.Cfr)), (Line, Frame(T30FrameType.Eop)), (Net, Frame(T30FrameType.Mcf)),
            (Line, Frame(T30FrameType.Dcn)), (Line, [0xFF, 0x13]), (Line, Frame(T30FrameType.Mps)), (Net, Frame(T30FrameType.Mcf)));

        Assert.Equal(1, summary.Pages);
        Assert.Equal("ok", summary.Result);
        Assert.Equal(7, summary.Frames);
    }

    [Theory]
    [InlineData(0b0000, 2400)]
    [InlineData(0b0010, 4800)]
    [InlineData(0b0001, 9600)]
    [InlineData(0b0011, 7200)]
    [InlineData(0b0100, 14400)]
    [InlineData(0b0110, 12000)]
    [InlineData(0b1000, 14400)]
    [InlineData(0b1010, 12000)]
    [InlineData(0b1001, 9600)]
    [InlineData(0b1011, 7200)]
    [InlineData(0b1111, 0)]
    [InlineData(0b0101, 0)]
    public void DCS_bits_11_to_14_give_the_T30_Table_2_rate(int code, int rate)
    {
        Assert.Equal(rate, T30Dcs.BitRate(Dcs(code, ecm: false)));
        Assert.False(T30Dcs.Ecm(Dcs(code, ecm: false)));
        Assert.True(T30Dcs.Ecm(Dcs(code, ecm: true)));
    }

    [Fact]
    public void A_DCS_too_short_for_its_bits_reads_as_no_rate_and_no_ECM()
    {
        byte[] dcs = [0xFF, 0x13, (byte)T30FrameType.Dcs, 0x00];
        Assert.Equal(0, T30Dcs.BitRate(dcs));
        Assert.False(T30Dcs.Ecm(dcs));
    }
}
