using FaxBox.Core.T38;
using FaxBox.Fax.Managed.T30;
using FaxBox.Fax.Managed.T38;
using FaxBox.Fax.Managed.T4;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>Managed T.30 sender ↔ managed T.30 receiver over T.38 in-process, on the simulated 20 ms clock.</summary>
public sealed class ManagedT30Tests
{
    private static readonly T4PageFormat Fine = new(1728, 8031, 7700);

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    public void Pages_cross_intact_with_idents_and_sub_address(bool ecm, int pages)
    {
        var run = Call.Create(ecm, pages, octets: 40_000);
        run.Run();

        Assert.True(run.Sender.Result!.Success, run.Sender.Result.T30Text);
        Assert.True(run.Receiver.Result!.Success, run.Receiver.Result.T30Text);
        Assert.Equal(0, run.Sender.Result.T30Code);
        Assert.Equal("OK", run.Sender.Result.T30Text);
        Assert.Equal(pages, run.Sink.PagesCommitted);
        for (int p = 0; p < pages; p++)
        {
            Assert.Equal(FakeDocumentSource.Page(p, 40_000), run.Sink.Pages[p].Data);
            Assert.Equal(Fine, run.Sink.Pages[p].Format);
        }

        Assert.Equal(ecm ? FaxCompression.T6 : FaxCompression.T4TwoDimensional, run.Sink.Pages[0].Compression);
        Assert.Equal("+49 30 1234", run.Receiver.Result.RemoteIdent);
        Assert.Equal("+1 555 0100", run.Sender.Result.RemoteIdent);
        Assert.Equal("4711", run.Receiver.Result.SubAddress);
        Assert.Equal(14400, run.Sender.Result.Statistics.BitRate);
        Assert.Equal(ecm, run.Receiver.Result.Statistics.Ecm);
        Assert.Equal(pages, run.Sender.Result.Statistics.PagesTransferred);
        Assert.Equal(pages, run.Receiver.Result.Statistics.PagesTransferred);
        Assert.True(run.Source.Disposed, "the sender closes its document at the end");
        Assert.True(run.Sink.Disposed, "the receiver closes its document at the end");

        // Progress: B once, D per page, E once with the result, on both ends.
        Assert.Equal([FaxPhase.B, .. Enumerable.Repeat(FaxPhase.D, pages), FaxPhase.E], run.SenderPhases);
        Assert.Equal([FaxPhase.B, .. Enumerable.Repeat(FaxPhase.D, pages), FaxPhase.E], run.ReceiverPhases);
    }

    [Fact]
    public void Frame_events_carry_T30_frames_in_spandsp_octet_order()
    {
        var run = Call.Create(ecm: true, pages: 1, octets: 3000);
        run.Run();

        var received = run.SenderFrames.Where(f => f.Incoming).ToList();
        var dis = Assert.Single(received, f => f.Type == T30FrameType.Dis);
        Assert.Equal([0xFF, 0x13, 0x80], dis.Frame[..3]);
        Assert.True(T30Bits.Get(dis.Frame.AsSpan(3), T30Bits.Ecm), "the DIS offers ECM");
        Assert.Contains(received, f => f.Type == T30FrameType.Csi && f.Frame[1] == 0x03);
        var sent = run.SenderFrames.Where(f => !f.Incoming).ToList();
        var dcs = Assert.Single(sent, f => f.Type == T30FrameType.Dcs);
        Assert.Equal(0x83, dcs.Frame[2]); // the X bit: the sender received the DIS
        var fcd = sent.Where(f => f.Frame[2] == T30Frames.FcdFcf).ToList();
        Assert.Equal((3000 + 255) / 256, fcd.Count);
        Assert.All(fcd, f => Assert.Equal(T30Frames.FcdHeaderLength, f.Frame.Length));
        Assert.Equal(Enumerable.Range(0, fcd.Count).Select(i => (byte)i), fcd.Select(f => f.Frame[3]));
        Assert.Equal(
            ["TSI", "SUB", "DCS", "PPS", "DCN"],
            sent.Where(f => f.Frame[2] != T30Frames.FcdFcf && f.Frame[2] != 0x86).Select(f => T30Frames.Name(f.Frame[2])));
        Assert.Equal(
            ["CSI", "DIS", "CFR", "MCF"],
            run.ReceiverFrames.Where(f => !f.Incoming).Select(f => T30Frames.Name(f.Frame[2])));
    }

    [Theory]
    [InlineData(FaxModems.V27ter | FaxModems.V29, 9600)]
    [InlineData(FaxModems.V27ter, 4800)]
    [InlineData(FaxModems.V29, 9600)]
    public void The_modems_configured_bound_the_rate(FaxModems modems, int rate)
    {
        var run = Call.Create(ecm: false, pages: 1, octets: 5000, senderModems: modems);
        run.Run();
        Assert.True(run.Sender.Result!.Success, run.Sender.Result.T30Text);
        Assert.Equal(rate, run.Sender.Result.Statistics.BitRate);
        Assert.Equal(rate, run.Receiver.Result!.Statistics.BitRate);
        Assert.Equal(FakeDocumentSource.Page(0, 5000), run.Sink.Pages[0].Data);
    }

    [Fact]
    public void Every_IFP_fits_MaxDatagram_and_image_data_is_paced_at_the_rate()
    {
        var sizes = new List<int>();
        var run = Call.Create(ecm: false, pages: 1, octets: 20_000, maxDatagram: 72, onSenderIfp: ifp => sizes.Add(ifp.Length));
        int ticks = run.Run();
        Assert.True(run.Receiver.Result!.Success, run.Receiver.Result.T30Text);
        Assert.All(sizes, n => Assert.InRange(n, 1, 72));
        Assert.Equal(FakeDocumentSource.Page(0, 20_000), run.Sink.Pages[0].Data);

        // 20 000 octets at 14 400 bit/s take ≥ 11 s of ticks (36 octets per 20 ms).
        Assert.True(run.Sender.Result!.Elapsed >= TimeSpan.FromSeconds(20_000 * 8 / 14400.0), $"elapsed {run.Sender.Result.Elapsed}");
        Assert.True(ticks < 3000, $"ticks {ticks}");
    }

    [Fact]
    public void A_MaxDatagram_smaller_than_a_ticks_octets_splits_them_over_several_IFPs_at_the_same_pace()
    {
        var wide = Call.Create(ecm: false, pages: 1, octets: 20_000, maxDatagram: 100);
        wide.Run();
        var sizes = new List<int>();
        var narrow = Call.Create(ecm: false, pages: 1, octets: 20_000, maxDatagram: 20, onSenderIfp: ifp => sizes.Add(ifp.Length));
        narrow.Run();

        Assert.True(narrow.Receiver.Result!.Success, narrow.Receiver.Result.T30Text);
        Assert.All(sizes, n => Assert.InRange(n, 1, 20));
        Assert.Equal(FakeDocumentSource.Page(0, 20_000), narrow.Sink.Pages[0].Data);
        Assert.Equal(wide.Sender.Result!.Elapsed.TotalSeconds, narrow.Sender.Result!.Elapsed.TotalSeconds, 0.5);
    }

    [Fact]
    public void ECM_recovers_lost_frames_with_PPR_and_the_pages_match()
    {
        var random = new Random(7);
        var run = Call.Create(ecm: true, pages: 2, octets: 90_000);

        // Drop 5 % of the image IFPs (not V.21 control, which the UDPTL redundancy protects in real calls).
        run.Wire.DropToB = ifp => ifp.Length > 20 && (ifp[0] & 0x1E) != 0 && random.NextDouble() < 0.05;
        run.Run();

        Assert.True(run.Wire.Dropped > 10, $"dropped {run.Wire.Dropped}");
        Assert.True(run.Sender.Result!.Success, run.Sender.Result.T30Text);
        Assert.True(run.Receiver.Result!.Success, run.Receiver.Result.T30Text);
        Assert.True(run.Sender.Result.Statistics.EcmRetries > 0, "PPRs were needed");
        Assert.Equal(2, run.Sink.PagesCommitted);
        Assert.Equal(FakeDocumentSource.Page(0, 90_000), run.Sink.Pages[0].Data);
        Assert.Equal(FakeDocumentSource.Page(1, 90_000), run.Sink.Pages[1].Data);
        Assert.Contains(run.ReceiverFrames, f => !f.Incoming && f.Type == T30FrameType.Ppr);
    }

    [Fact]
    public void Four_PPRs_for_a_block_bring_CTC_and_a_lower_rate()
    {
        var random = new Random(4);
        var run = Call.Create(ecm: true, pages: 1, octets: 60_000);
        // Heavy loss of image IFPs until the sender gives up on the rate (CTC): then the line is clean again.
        run.Wire.DropToB = ifp => ifp.Length > 20 && (ifp[0] & 0x1E) != 0 && !run.SenderFrames.Any(f => !f.Incoming && f.Type == T30FrameType.Ctc) && random.NextDouble() < 0.35;
        run.Run();

        Assert.True(run.Sender.Result!.Success, run.Sender.Result.T30Text);
        Assert.Contains(run.SenderFrames, f => !f.Incoming && f.Type == T30FrameType.Ctc);
        Assert.Contains(run.ReceiverFrames, f => !f.Incoming && f.Type == T30FrameType.Ctr);
        Assert.True(run.Sender.Result.Statistics.BitRate < 14400, $"rate {run.Sender.Result.Statistics.BitRate}");
        Assert.Equal(FakeDocumentSource.Page(0, 60_000), run.Sink.Pages[0].Data);
    }

    [Theory]
    [InlineData(0, true, T38Asn1Variant.PreCorrigendum)]
    [InlineData(1, true, T38Asn1Variant.PostCorrigendum)]
    [InlineData(3, false, T38Asn1Variant.PreCorrigendum)]
    public void T38_versions_ASN1_variants_and_rate_management_interwork(int version, bool transferredTcf, T38Asn1Variant variant)
    {
        var run = Call.Create(ecm: true, pages: 1, octets: 8000, t38: new T38Options { Version = version, TransferredTcf = transferredTcf, Asn1Variant = variant });
        run.Run();
        Assert.True(run.Receiver.Result!.Success, run.Receiver.Result.T30Text);
        Assert.Equal(FakeDocumentSource.Page(0, 8000), run.Sink.Pages[0].Data);
    }

    [Fact]
    public void A_DCS_received_with_a_bad_FCS_is_answered_with_CRP_and_sent_again()
    {
        var run = Call.Create(ecm: true, pages: 1, octets: 4000);
        bool corrupted = false;
        run.Wire.MutateToB = ifp =>
        {
            // The sender's first V.21 message is TSI, SUB, DCS: the IFP ending it (a V.21 data IFP whose last field is
            // hdlc-fcs-OK-sig-end, 0x40) gets hdlc-fcs-BAD-sig-end (0x50) instead.
            if (!corrupted && ifp.Length > 6 && ifp[0] == 0xC0 && ifp[^1] == 0x40)
            {
                corrupted = true;
                ifp[^1] = 0x50;
            }
        };
        run.Run();

        Assert.True(corrupted);
        Assert.Contains(run.ReceiverFrames, f => !f.Incoming && f.Type == T30FrameType.Crp);
        Assert.Equal(2, run.SenderFrames.Count(f => !f.Incoming && f.Type == T30FrameType.Dcs));
        Assert.True(run.Receiver.Result!.Success, run.Receiver.Result.T30Text);
        Assert.Equal(FakeDocumentSource.Page(0, 4000), run.Sink.Pages[0].Data);
    }

    [Fact]
    public void A_TCF_with_noise_at_its_edges_is_accepted_as_a_gateway_relays_it()
    {
        // A T.38 gateway demodulating a fax machine's TCF relays noise while its receiver trains: the first octets of
        // the TCF are not zero. The clean second that follows is what T.30 §5.3.4 asks for.
        var run = Call.Create(ecm: true, pages: 1, octets: 4000);
        int corrupted = 0;
        run.Wire.MutateToB = ifp => corrupted += CorruptTcf(ifp, run, (index, _) => index < 60);
        run.Run();

        Assert.True(corrupted >= 60, $"corrupted {corrupted} TCF octets");
        Assert.True(run.Receiver.Result!.Success, run.Receiver.Result.T30Text);
        Assert.DoesNotContain(run.ReceiverFrames, f => !f.Incoming && f.Type == T30FrameType.Ftt);
        Assert.Equal(14400, run.Receiver.Result.Statistics.BitRate);
    }

    [Fact]
    public void A_TCF_with_errors_all_through_it_is_refused_with_FTT()
    {
        // One wrong octet in every 100: no clean second anywhere, at any rate.
        var run = Call.Create(ecm: true, pages: 1, octets: 4000);
        int corrupted = 0;
        run.Wire.MutateToB = ifp => corrupted += CorruptTcf(ifp, run, (index, _) => index % 100 == 50);
        run.Run();

        Assert.True(corrupted > 10, $"corrupted {corrupted} TCF octets");
        Assert.Contains(run.ReceiverFrames, f => !f.Incoming && f.Type == T30FrameType.Ftt);
        Assert.DoesNotContain(run.ReceiverFrames, f => !f.Incoming && f.Type == T30FrameType.Cfr);
        Assert.False(run.Sender.Result!.Success);
    }

    /// <summary>Sets the TCF octets <paramref name="which"/> picks (by index within this TCF) to 0xFF; returns how many.</summary>
    private static int CorruptTcf(byte[] ifp, Call run, Func<int, byte[], bool> which)
    {
        if (run.ReceiverFrames.Any(f => !f.Incoming && f.Type == T30FrameType.Cfr)
            || !T38IfpReader.TryCreate(ifp, T38Asn1Variant.PreCorrigendum, out var reader, out _) || !reader.IsData || reader.DataType == T38DataType.V21)
        {
            return 0;
        }

        // A new DCS starts a new TCF: count octets from there.
        int dcs = run.SenderFrames.Count(f => !f.Incoming && f.Type == T30FrameType.Dcs);
        if (dcs != run.TcfDcs)
        {
            run.TcfDcs = dcs;
            run.TcfIndex = 0;
        }

        int changed = 0;
        while (reader.TryReadField(out var type, out var data, out _))
        {
            if (type is not (T38FieldType.T4NonEcmData or T38FieldType.T4NonEcmSigEnd) || !ifp.AsSpan().Overlaps(data, out int offset))
            {
                continue;
            }

            for (int i = 0; i < data.Length; i++, run.TcfIndex++)
            {
                if (which(run.TcfIndex, ifp))
                {
                    ifp[offset + i] = 0xFF;
                    changed++;
                }
            }
        }

        return changed;
    }

    [Fact]
    public void Non_ECM_with_loss_ends_without_hanging()
    {
        var random = new Random(11);
        var run = Call.Create(ecm: false, pages: 2, octets: 30_000);
        run.Wire.DropToB = ifp => ifp.Length > 20 && random.NextDouble() < 0.05;
        run.Sink.BadRowsPerPage = 1;
        run.Run();

        Assert.True(run.Sender.IsComplete && run.Receiver.IsComplete);
        Assert.True(run.Receiver.Result!.Success, run.Receiver.Result.T30Text);
        Assert.Equal(2, run.Sink.PagesCommitted);
        Assert.NotEqual(FakeDocumentSource.Page(0, 30_000), run.Sink.Pages[0].Data); // octets were lost, the page kept
        Assert.Equal(1, run.Receiver.Result.Statistics.BadRows);
    }

    [Fact]
    public void A_page_with_too_many_bad_rows_gets_RTN_and_the_sender_gives_up_after_three()
    {
        var run = Call.Create(ecm: false, pages: 1, octets: 16_000);
        run.Sink.BadRowsPerPage = 900; // of 1000 rows
        run.Run();

        Assert.Equal(FaxCompletion.T30Error, run.Sender.Result!.Completion);
        Assert.Equal((int)T30CompletionCode.PageRejected, run.Sender.Result.T30Code);
        Assert.Contains("rejected page 1", run.Sender.Result.T30Text, StringComparison.Ordinal);
        Assert.Equal(0, run.Sink.PagesCommitted);
        Assert.Equal(3, run.ReceiverFrames.Count(f => !f.Incoming && f.Type == T30FrameType.Rtn));
        Assert.True(run.Sender.Result.Statistics.BitRate < 14400, "the sender stepped down after RTN");
        Assert.True(run.Receiver.IsComplete);
    }

    [Fact]
    public void A_silent_far_end_ends_the_sender_with_T1()
    {
        var source = new FakeDocumentSource(1, 100, Fine);
        using var sender = new ManagedT38Terminal(Call.SenderOptions(true, null), new NullSink(), NullLogger.Instance, source, null);
        int ticks = 0;
        while (!sender.IsComplete && ticks++ < 5000)
        {
            sender.Tick();
        }

        Assert.Equal(FaxCompletion.T30Error, sender.Result!.Completion);
        Assert.Equal((int)T30CompletionCode.T1Expired, sender.Result.T30Code);
        Assert.Contains("no DIS", sender.Result.T30Text, StringComparison.Ordinal);
        Assert.InRange(sender.Result.Elapsed, TimeSpan.FromSeconds(35), TimeSpan.FromSeconds(37));
        Assert.True(source.Disposed);
    }

    [Fact]
    public void A_receiver_repeats_DIS_and_ends_with_T1_when_no_sender_answers()
    {
        var sink = new RecordingDocumentSink();
        var frames = new List<T30FrameEventArgs>();
        using var receiver = new ManagedT38Terminal(Call.ReceiverOptions(true), new NullSink(), NullLogger.Instance, null, sink);
        receiver.Frame += (_, e) => frames.Add(e);
        int ticks = 0;
        while (!receiver.IsComplete && ticks++ < 5000)
        {
            receiver.Tick();
        }

        Assert.Equal((int)T30CompletionCode.T1Expired, receiver.Result!.T30Code);
        Assert.Contains("no DCS", receiver.Result.T30Text, StringComparison.Ordinal);
        Assert.True(frames.Count(f => f.Type == T30FrameType.Dis) >= 5, "DIS is repeated every T4 until T1");
    }

    [Fact]
    public void The_sender_stops_with_a_clear_text_when_the_receiver_goes_silent_mid_call()
    {
        var run = Call.Create(ecm: true, pages: 2, octets: 20_000);
        bool cut = false;
        run.Receiver.Progress += (_, e) => cut |= e.Phase == FaxPhase.D;
        run.Wire.DropToA = _ => cut;
        run.Wire.DropToB = _ => cut;
        run.Run(maxTicks: 10_000);

        Assert.Equal(FaxCompletion.T30Error, run.Sender.Result!.Completion);
        Assert.Equal((int)T30CompletionCode.NoResponse, run.Sender.Result.T30Code);
        Assert.Contains("PPS", run.Sender.Result.T30Text, StringComparison.Ordinal);
        Assert.Equal((int)T30CompletionCode.T2Expired, run.Receiver.Result!.T30Code);
        Assert.Contains("page 2", run.Receiver.Result.T30Text, StringComparison.Ordinal);
        Assert.Equal(1, run.Sink.PagesCommitted);
    }

    [Fact]
    public void Abort_mid_page_keeps_the_receivers_committed_pages_and_sends_DCN()
    {
        var run = Call.Create(ecm: false, pages: 2, octets: 30_000);
        bool pageOne = false;
        run.Receiver.Progress += (_, e) => pageOne |= e.Phase == FaxPhase.D;
        int abortAt = -1;
        run.Run(maxTicks: 200_000, everyTick: t =>
        {
            if (pageOne && abortAt < 0 && run.Sink.PagesStarted == 2)
            {
                abortAt = t;
                run.Receiver.Abort();
            }
        });

        Assert.True(abortAt > 0);
        Assert.Equal(FaxCompletion.Aborted, run.Receiver.Result!.Completion);
        Assert.Equal(1, run.Sink.PagesCommitted);
        Assert.True(run.Sink.Disposed, "abort closes the document with the committed page");
        Assert.Contains(run.ReceiverFrames, f => !f.Incoming && f.Type == T30FrameType.Dcn);
        Assert.Equal(FaxCompletion.T30Error, run.Sender.Result!.Completion);
        Assert.Equal((int)T30CompletionCode.UnexpectedDcn, run.Sender.Result.T30Code);
    }

    [Fact]
    public void The_watchdog_ends_a_call_that_runs_too_long()
    {
        var run = Call.Create(ecm: false, pages: 1, octets: 200_000, watchdog: TimeSpan.FromSeconds(20));
        run.Run();
        Assert.Equal(FaxCompletion.Watchdog, run.Sender.Result!.Completion);
        Assert.Contains("within 20 s", run.Sender.Result.T30Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_and_late_IFPs_are_dropped()
    {
        var sink = new RecordingDocumentSink();
        using var receiver = new ManagedT38Terminal(Call.ReceiverOptions(true), new NullSink(), NullLogger.Instance, null, sink);
        receiver.ReceiveIfp([0x02], 5); // cng
        receiver.ReceiveIfp([0x02], 5); // duplicate
        receiver.ReceiveIfp([0x02], 3); // late
        receiver.ReceiveIfp([0x02], 6);
        receiver.ReceiveIfp([0x02], 65535); // late across the wrap
        Assert.Equal(5, receiver.Packets.Received);
        Assert.Equal(3, receiver.DroppedIfps);
        Assert.False(receiver.IsComplete);
    }

    [Fact]
    public void Malformed_IFPs_are_logged_and_never_throw()
    {
        var logger = new ListLogger();
        var sink = new RecordingDocumentSink();
        using var receiver = new ManagedT38Terminal(Call.ReceiverOptions(true), new NullSink(), logger, null, sink);
        var random = new Random(3);
        ushort seq = 0;
        byte[][] fixedBad = [[], [0xC0], [0xC0, 0x01], [0xC0, 0x01, 0x80, 0x00], [0xC0, 0x01, 0x80, 0xFF, 0xFF, 0x01], [0x3F], [0xFF, 0xFF, 0xFF]];
        foreach (var bad in fixedBad)
        {
            receiver.ReceiveIfp(bad, seq++);
        }

        for (int i = 0; i < 20_000; i++)
        {
            var ifp = new byte[random.Next(0, 40)];
            random.NextBytes(ifp);
            receiver.ReceiveIfp(ifp, seq++);
            if (i % 50 == 0)
            {
                receiver.Tick();
            }
        }

        Assert.True(receiver.MalformedIfps >= fixedBad.Length - 1, $"malformed {receiver.MalformedIfps}");
        Assert.Contains(logger.Lines, l => l.Contains("IFP seq 0 dropped: IFP is empty", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("IFP seq 2", StringComparison.Ordinal) && l.Contains("octet", StringComparison.Ordinal));
    }

    private sealed class NullSink : IIfpSink
    {
        public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount)
        {
        }
    }

    /// <summary>One managed ↔ managed call and what it saw.</summary>
    private sealed class Call
    {
        public required ManagedT38Terminal Sender { get; init; }

        public required ManagedT38Terminal Receiver { get; init; }

        public required FakeDocumentSource Source { get; init; }

        public required RecordingDocumentSink Sink { get; init; }

        public required T38Wire Wire { get; init; }

        public List<FaxPhase> SenderPhases { get; } = [];

        public List<FaxPhase> ReceiverPhases { get; } = [];

        public List<T30FrameEventArgs> SenderFrames { get; } = [];

        public List<T30FrameEventArgs> ReceiverFrames { get; } = [];

        /// <summary>Corruption tests: the DCS count at the TCF being corrupted, and the octet index within it.</summary>
        public int TcfDcs { get; set; } = -1;

        public int TcfIndex { get; set; }

        public static FaxTerminalOptions SenderOptions(bool ecm, FaxModems? modems, int maxDatagram = 100, TimeSpan? watchdog = null, T38Options? t38 = null) => new()
        {
            Direction = FaxDirection.Send,
            SendFile = "fake.tif",
            LocalIdent = "+49 30 1234",
            SubAddress = "4711",
            Ecm = ecm,
            Modems = modems ?? FaxModems.All,
            T38 = t38 ?? new T38Options { MaxDatagram = maxDatagram },
            Watchdog = watchdog ?? TimeSpan.FromMinutes(20),
        };

        public static FaxTerminalOptions ReceiverOptions(bool ecm, T38Options? t38 = null) => new()
        {
            T38 = t38 ?? new T38Options(),
            Direction = FaxDirection.Receive,
            ReceiveFile = "fake.tif",
            LocalIdent = "+1 555 0100",
            Ecm = ecm,
        };

        public static Call Create(bool ecm, int pages, int octets, FaxModems? senderModems = null, int maxDatagram = 100, Action<byte[]>? onSenderIfp = null, TimeSpan? watchdog = null, T38Options? t38 = null)
        {
            var wire = new T38Wire();
            var source = new FakeDocumentSource(pages, octets, Fine);
            var sink = new RecordingDocumentSink();
            IIfpSink senderSink = onSenderIfp is null ? wire.SinkA : new Tap(wire.SinkA, onSenderIfp);
            var call = new Call
            {
                Sender = new ManagedT38Terminal(SenderOptions(ecm, senderModems, maxDatagram, watchdog, t38), senderSink, NullLogger.Instance, source, null),
                Receiver = new ManagedT38Terminal(ReceiverOptions(ecm, t38), wire.SinkB, NullLogger.Instance, null, sink),
                Source = source,
                Sink = sink,
                Wire = wire,
            };
            call.Sender.Progress += (_, e) => call.SenderPhases.Add(e.Phase);
            call.Receiver.Progress += (_, e) => call.ReceiverPhases.Add(e.Phase);
            call.Sender.Frame += (_, e) => call.SenderFrames.Add(e);
            call.Receiver.Frame += (_, e) => call.ReceiverFrames.Add(e);
            return call;
        }

        public int Run(int maxTicks = 100_000, Action<int>? everyTick = null) => Wire.Run(Sender, Receiver, maxTicks, everyTick);

        private sealed class Tap(IIfpSink inner, Action<byte[]> tap) : IIfpSink
        {
            public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount)
            {
                tap(ifp.ToArray());
                inner.SendIfp(ifp, repeatCount);
            }
        }
    }
}
