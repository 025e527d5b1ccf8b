using FaxBox.Media.Udptl;

namespace FaxBox.Media.Tests.Udptl;

/// <summary>Encoder and decoder together: redundancy depths, FEC, T38FaxMaxDatagram, wrap, duplicates, reordering, loss.</summary>
public sealed class UdptlRecoveryTests
{
    private static readonly byte[] Control = [0x06];                                   // v21-preamble indicator
    private static readonly byte[] Image = [0xD0, 0x01, 0x60, 0x00, 0x02, 1, 2, 3];  // v17-14400 t4-non-ecm-data

    [Fact]
    public void Control_and_image_IFPs_get_their_own_redundancy_depths()
    {
        var encoder = new UdptlEncoder(new UdptlOptions { ControlRedundancy = 4, ImageRedundancy = 1 });
        var buffer = new byte[encoder.MaxPacketSize];
        var counts = new List<int>();
        foreach (byte[] ifp in new[] { Control, Image, Image, Image, Image, Image, Image })
        {
            encoder.Encode(ifp, buffer, out int n);
            counts.Add(UdptlCodec.Decode(buffer.AsSpan(0, n)).RecoveryCount);
        }

        // The control IFP (seq 0) rides in the next four packets; after that only one image IFP back is repeated.
        Assert.Equal([0, 1, 2, 3, 4, 1, 1], counts);
    }

    [Fact]
    public void Fec_parity_rebuilds_lost_IFPs_of_different_lengths()
    {
        var options = new UdptlOptions { ErrorRecovery = UdptlErrorRecovery.Fec, FecSpan = 3, FecEntries = 3, ReorderTimeout = TimeSpan.Zero, MaxDatagram = 1400 };
        var encoder = new UdptlEncoder(options);
        var sink = new RecordingIfpHandler();
        var decoder = new UdptlDecoder(options, sink);
        var buffer = new byte[encoder.MaxPacketSize];
        var sent = new List<byte[]>();
        for (int i = 0; i < 600; i++)
        {
            byte[] ifp = i % 5 == 0 ? [0x06] : MakeImage(i, 1 + (i % 37));
            sent.Add(ifp);
            encoder.Encode(ifp, buffer, out int n);
            Assert.Equal(UdptlErrorRecovery.Fec, UdptlCodec.Decode(buffer.AsSpan(0, n)).Mode);
            if (i % 7 == 3)
            {
                continue; // one loss in seven: each FEC group of span 3 loses at most one
            }

            decoder.Receive(buffer.AsSpan(0, n), TimeSpan.Zero);
        }

        Assert.True(decoder.Statistics.RecoveredByFec > 70);
        // The last few losses have no later parity yet: anything lost is at the very end.
        Assert.True(decoder.Statistics.IfpsLost == 0, $"lost {decoder.Statistics.IfpsLost}");
        for (int i = 0; i < sink.Ifps.Count; i++)
        {
            Assert.Equal(sent[i], sink.Ifps[i].Ifp);
            Assert.Equal((ushort)i, sink.Ifps[i].Sequence);
        }

        Assert.True(sink.Ifps.Count >= 590);
    }

    [Fact]
    public void A_redundancy_session_keeps_small_IFP_stores_and_no_FEC_store_which_the_first_FEC_datagram_makes()
    {
        // What every T.38 call holds (two ends per fax, hundreds of calls): IFP slots of 128 octets, no FEC parity store.
        var redundancy = new UdptlOptions { ControlRedundancy = 4, ImageRedundancy = 2 };
        var encoder = new UdptlEncoder(redundancy);
        var decoder = new UdptlDecoder(redundancy, new RecordingIfpHandler());
        var buffer = new byte[encoder.MaxPacketSize];
        for (int i = 0; i < 200; i++)
        {
            encoder.Encode(MakeImage(i, 54), buffer, out int n); // a 30 ms chunk of 14 400 bit/s image data
            Assert.True(decoder.Receive(buffer.AsSpan(0, n), TimeSpan.Zero));
        }

        Assert.Equal(64 * UdptlSlotArena.IfpSlotSize, decoder.HeldOctets);
        Assert.Equal(16 * UdptlSlotArena.IfpSlotSize, encoder.HeldOctets);

        // A peer sending FEC gets its parity store at its first FEC datagram; a longer IFP grows the slots once.
        var fec = new UdptlOptions { ErrorRecovery = UdptlErrorRecovery.Fec, FecSpan = 3, FecEntries = 3, MaxDatagram = 1400 };
        var fecEncoder = new UdptlEncoder(fec);
        var fecDecoder = new UdptlDecoder(fec, new RecordingIfpHandler());
        Assert.Equal(64 * UdptlSlotArena.IfpSlotSize, fecDecoder.HeldOctets);
        var fecBuffer = new byte[fecEncoder.MaxPacketSize];
        for (int i = 0; i < 5; i++)
        {
            fecEncoder.Encode(MakeImage(i, 300), fecBuffer, out int n);
            Assert.True(fecDecoder.Receive(fecBuffer.AsSpan(0, n), TimeSpan.Zero));
        }

        Assert.True(fecDecoder.HeldOctets > (64 * 512) + (32 * UdptlSlotArena.InitialSlotSize), $"held {fecDecoder.HeldOctets}");
    }

    [Fact]
    public void Max_datagram_as_udptl_size_drops_the_oldest_secondaries()
    {
        var options = new UdptlOptions { ImageRedundancy = 3, ControlRedundancy = 3, MaxDatagram = 40 };
        var encoder = new UdptlEncoder(options);
        var buffer = new byte[encoder.MaxPacketSize];
        byte[] ifp = MakeImage(1, 10); // 15-octet IFP: 2 + 16 header, each secondary 16
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(UdptlEncodeStatus.Ok, encoder.Encode(ifp, buffer, out int n));
            Assert.True(n <= 40, $"packet {i} has {n} octets");
            Assert.Equal(Math.Min(i, 1), UdptlCodec.Decode(buffer.AsSpan(0, n)).RecoveryCount);
        }

        Assert.Equal(1 + 2 + 2 + 2, encoder.RecoveryEntriesTrimmed);
        Assert.Equal(UdptlEncodeStatus.IfpTooLargeForPeer, encoder.Encode(new byte[39], buffer, out _));
        Assert.Equal(6, encoder.NextSequence);
    }

    [Fact]
    public void Max_datagram_as_ifp_size_limits_only_the_IFP()
    {
        var options = new UdptlOptions { ImageRedundancy = 3, MaxDatagram = 20, MaxDatagramInterpretation = UdptlMaxDatagramInterpretation.IfpSize };
        var encoder = new UdptlEncoder(options);
        var buffer = new byte[encoder.MaxPacketSize];
        int last = 0;
        for (int i = 0; i < 4; i++)
        {
            encoder.Encode(MakeImage(i, 15), buffer, out last);
        }

        Assert.True(last > 20);
        Assert.Equal(3, UdptlCodec.Decode(buffer.AsSpan(0, last)).RecoveryCount);
        Assert.Equal(UdptlEncodeStatus.IfpTooLargeForPeer, encoder.Encode(new byte[21], buffer, out _));
    }

    [Fact]
    public void Sequence_numbers_wrap_at_65536_without_a_gap()
    {
        var options = new UdptlOptions { ReorderTimeout = TimeSpan.Zero };
        var encoder = new UdptlEncoder(options, firstSequence: 65530);
        var sink = new RecordingIfpHandler();
        var decoder = new UdptlDecoder(options, sink);
        var buffer = new byte[encoder.MaxPacketSize];
        for (int i = 0; i < 20; i++)
        {
            encoder.Encode(MakeImage(i, 4), buffer, out int n);
            if (i != 7)
            {
                decoder.Receive(buffer.AsSpan(0, n), TimeSpan.Zero);
            }
        }

        Assert.Equal(20, sink.Ifps.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (ushort)(65530 + i)), sink.Ifps.Select(x => x.Sequence));
        Assert.Equal(1, decoder.Statistics.RecoveredByRedundancy);
    }

    [Fact]
    public void With_a_known_first_sequence_IFPs_lost_before_the_first_arrival_count_as_lost()
    {
        var options = new UdptlOptions { ImageRedundancy = 1, ControlRedundancy = 1, ReorderTimeout = TimeSpan.Zero };
        var (packets, _) = Encode(options, 6);
        var told = new UdptlDecoder(options, new RecordingIfpHandler(), firstSequence: 0);
        var untold = new UdptlDecoder(options, new RecordingIfpHandler());
        foreach (byte[] p in packets.Skip(3))
        {
            told.Receive(p, TimeSpan.Zero);
            untold.Receive(p, TimeSpan.Zero);
        }

        Assert.Equal(2, told.Statistics.IfpsLost);      // 0 and 1; 2 came back as packet 3's secondary
        Assert.Equal(4, told.Statistics.IfpsDelivered);
        Assert.Equal(0, untold.Statistics.IfpsLost);
        Assert.Equal(4, untold.Statistics.IfpsDelivered);
    }

    [Fact]
    public void Duplicates_are_delivered_once()
    {
        var options = new UdptlOptions { ReorderTimeout = TimeSpan.Zero };
        var (packets, _) = Encode(options, 5);
        var sink = new RecordingIfpHandler();
        var decoder = new UdptlDecoder(options, sink);
        foreach (byte[] p in packets.Concat(packets))
        {
            decoder.Receive(p, TimeSpan.Zero);
        }

        Assert.Equal(5, sink.Ifps.Count);
        Assert.Equal(5, decoder.Statistics.Duplicates);
    }

    [Fact]
    public void A_reordered_packet_within_the_timeout_is_delivered_in_order()
    {
        var options = new UdptlOptions { ImageRedundancy = 0, ControlRedundancy = 0, ReorderTimeout = TimeSpan.FromMilliseconds(40) };
        var (packets, sent) = Encode(options, 3);
        var sink = new RecordingIfpHandler();
        var decoder = new UdptlDecoder(options, sink);
        decoder.Receive(packets[0], TimeSpan.FromMilliseconds(0));
        decoder.Receive(packets[2], TimeSpan.FromMilliseconds(20));
        Assert.Single(sink.Ifps);
        decoder.Poll(TimeSpan.FromMilliseconds(40));
        Assert.Single(sink.Ifps);
        decoder.Receive(packets[1], TimeSpan.FromMilliseconds(45));
        Assert.Equal(sent, sink.Ifps.Select(x => x.Ifp));
        Assert.Equal(1, decoder.Statistics.OutOfOrder);
        Assert.Equal(0, decoder.Statistics.IfpsLost);
    }

    [Fact]
    public void After_the_timeout_a_gap_is_lost_and_its_packet_is_late()
    {
        var options = new UdptlOptions { ImageRedundancy = 0, ControlRedundancy = 0, ReorderTimeout = TimeSpan.FromMilliseconds(40) };
        var (packets, _) = Encode(options, 3);
        var sink = new RecordingIfpHandler();
        var decoder = new UdptlDecoder(options, sink);
        decoder.Receive(packets[0], TimeSpan.Zero);
        decoder.Receive(packets[2], TimeSpan.FromMilliseconds(20));
        decoder.Poll(TimeSpan.FromMilliseconds(61));
        Assert.Equal([(ushort)0, (ushort)2], sink.Ifps.Select(x => x.Sequence));
        Assert.Equal(1, decoder.Statistics.IfpsLost);
        decoder.Receive(packets[1], TimeSpan.FromMilliseconds(70));
        Assert.Equal(1, decoder.Statistics.Late);
        Assert.Equal(2, sink.Ifps.Count);
    }

    [Fact]
    public void Malformed_datagrams_are_counted_and_do_not_disturb_the_stream()
    {
        var options = new UdptlOptions { ReorderTimeout = TimeSpan.Zero };
        var (packets, _) = Encode(options, 3);
        var sink = new RecordingIfpHandler();
        var decoder = new UdptlDecoder(options, sink);
        decoder.Receive(packets[0], TimeSpan.Zero);
        Assert.False(decoder.Receive(packets[1].AsSpan(0, packets[1].Length - 1), TimeSpan.Zero));
        decoder.Receive(packets[2], TimeSpan.Zero);
        Assert.Equal(3, sink.Ifps.Count);
        Assert.Equal(1, decoder.Statistics.Malformed);
        Assert.Equal(UdptlErrorReason.Truncated, decoder.Statistics.LastError.Reason);
    }

    [Fact]
    public void With_redundancy_3_at_10_percent_random_loss_at_least_99_9_percent_of_IFPs_arrive()
    {
        const int count = 200_000;
        var options = new UdptlOptions { ImageRedundancy = 3, ControlRedundancy = 3, ReorderTimeout = TimeSpan.Zero };
        var encoder = new UdptlEncoder(options);
        var sink = new CountingIfpHandler();
        var decoder = new UdptlDecoder(options, sink);
        var buffer = new byte[encoder.MaxPacketSize];
        var random = new Random(10);
        byte[] ifp = MakeImage(0, 36);
        long lost = 0;
        for (int i = 0; i < count; i++)
        {
            ifp[7] = (byte)i;
            encoder.Encode(ifp, buffer, out int n);
            if (i > 0 && random.NextDouble() < 0.10)
            {
                lost++;
                continue;
            }

            decoder.Receive(buffer.AsSpan(0, n), TimeSpan.Zero);
        }

        double delivered = sink.Count / (double)count;
        Assert.True(lost > count * 0.09, $"only {lost} datagrams dropped");
        Assert.True(delivered >= 0.999, $"delivered {delivered:P4}");
        Assert.Equal(count, sink.Count + decoder.Statistics.IfpsLost + (count - 1 - sink.LastSequenceUnwrapped));
        Assert.Equal(0, sink.OutOfOrder);
    }

    [Fact]
    public void Burst_loss_beyond_the_redundancy_depth_is_accounted_as_gaps()
    {
        var options = new UdptlOptions { ImageRedundancy = 3, ControlRedundancy = 3, ReorderTimeout = TimeSpan.Zero };
        var (packets, _) = Encode(options, 100);
        var sink = new RecordingIfpHandler();
        var decoder = new UdptlDecoder(options, sink);
        for (int i = 0; i < packets.Count; i++)
        {
            bool inBurst = (i >= 10 && i < 13) || (i >= 40 && i < 46); // 3 lost (recoverable), then 6 lost (3 unrecoverable)
            if (!inBurst)
            {
                decoder.Receive(packets[i], TimeSpan.Zero);
            }
        }

        Assert.Equal(97, sink.Ifps.Count);
        Assert.Equal(3, decoder.Statistics.IfpsLost);
        Assert.DoesNotContain(sink.Ifps, x => x.Sequence is 40 or 41 or 42);
        Assert.Equal(6, decoder.Statistics.RecoveredByRedundancy);
    }

    internal static byte[] MakeImage(int seed, int dataLength)
    {
        var ifp = new byte[5 + dataLength];
        ifp[0] = 0xD0;
        ifp[1] = 0x01;
        ifp[2] = 0xE0;
        ifp[3] = (byte)((dataLength - 1) >> 8);
        ifp[4] = (byte)(dataLength - 1);
        for (int i = 5; i < ifp.Length; i++)
        {
            ifp[i] = (byte)(seed * 31 + i);
        }

        return ifp;
    }

    private static (List<byte[]> Packets, List<byte[]> Ifps) Encode(UdptlOptions options, int count)
    {
        var encoder = new UdptlEncoder(options);
        var buffer = new byte[encoder.MaxPacketSize];
        var packets = new List<byte[]>();
        var ifps = new List<byte[]>();
        for (int i = 0; i < count; i++)
        {
            byte[] ifp = MakeImage(i, 3);
            ifps.Add(ifp);
            encoder.Encode(ifp, buffer, out int n);
            packets.Add(buffer[..n]);
        }

        return (packets, ifps);
    }

    private sealed class CountingIfpHandler : IUdptlIfpHandler
    {
        private long _last = -1;

        public long Count { get; private set; }

        public long OutOfOrder { get; private set; }

        public long LastSequenceUnwrapped => _last;

        public void OnIfp(ReadOnlySpan<byte> ifp, ushort sequence)
        {
            long unwrapped = (_last & ~0xFFFFL) | sequence;
            if (unwrapped <= _last)
            {
                unwrapped += 65536;
            }

            if (unwrapped <= _last)
            {
                OutOfOrder++;
            }

            _last = unwrapped;
            Count++;
        }
    }
}
