using FaxBox.Media.Udptl;

namespace FaxBox.Media.Tests.Udptl;

/// <summary>The UDPTL stores' slot arena: small to start with, grown (contents kept) when a longer IFP or datagram comes.</summary>
public sealed class UdptlSlotArenaTests
{
    [Fact]
    public void An_arena_starts_with_small_slots()
    {
        var arena = new UdptlSlotArena(64);
        Assert.Equal(UdptlSlotArena.InitialSlotSize, arena.SlotSize);
        Assert.Equal(64 * UdptlSlotArena.InitialSlotSize, arena.Capacity);
        Assert.True(arena.Capacity < 64 * UdptlOptions.MaxUdpPayload / 4);
    }

    [Fact]
    public void Storing_something_longer_than_a_slot_grows_every_slot_and_keeps_what_was_stored()
    {
        var arena = new UdptlSlotArena(4, initialSlotSize: 8);
        arena.Store(0, [1, 2, 3]);
        arena.Store(3, [9, 8, 7, 6, 5, 4, 3, 2]);
        byte[] big = [.. Enumerable.Range(0, 20).Select(i => (byte)(100 + i))];
        arena.Store(1, big);

        Assert.Equal(32, arena.SlotSize);
        Assert.Equal([1, 2, 3], arena.Read(0, 3).ToArray());
        Assert.Equal(big, arena.Read(1, 20).ToArray());
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2], arena.Read(3, 8).ToArray());
    }

    [Fact]
    public void Reading_more_than_a_slot_holds_gives_the_slot()
    {
        var arena = new UdptlSlotArena(2, initialSlotSize: 8);
        Assert.Equal(8, arena.Read(1, 100).Length);
    }

    [Fact]
    public void Redundant_UDPTL_carries_IFPs_longer_than_the_initial_slots_through_loss()
    {
        var options = new UdptlOptions { ImageRedundancy = 2, ControlRedundancy = 2, ReorderTimeout = TimeSpan.Zero, MaxDatagram = 1400 };
        var encoder = new UdptlEncoder(options);
        var sink = new RecordingIfpHandler();
        var decoder = new UdptlDecoder(options, sink);
        var buffer = new byte[encoder.MaxPacketSize];
        var sent = new List<byte[]>();
        for (int i = 0; i < 200; i++)
        {
            // Mostly small image IFPs, every tenth one longer than a starting slot (an ECM HDLC frame of 300 octets).
            int length = i % 10 == 9 ? 300 + (i % 50) : 1 + (i % 40);
            byte[] ifp = [0xD0, .. Enumerable.Range(0, length).Select(k => (byte)(i + k))];
            sent.Add(ifp);
            Assert.Equal(UdptlEncodeStatus.Ok, encoder.Encode(ifp, buffer, out int n));
            if (i % 3 == 1)
            {
                continue; // every third packet lost: the next packet's secondary IFPs bring it back
            }

            decoder.Receive(buffer.AsSpan(0, n), TimeSpan.Zero);
        }

        Assert.Equal(0, decoder.Statistics.IfpsLost);
        Assert.True(sink.Ifps.Count >= 199, $"{sink.Ifps.Count} delivered");
        for (int i = 0; i < sink.Ifps.Count; i++)
        {
            Assert.Equal(sent[i], sink.Ifps[i].Ifp);
        }
    }
}
