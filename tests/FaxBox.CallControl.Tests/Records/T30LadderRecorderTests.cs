using FaxBox.CallControl.Records;
using FaxBox.Core.Status;
using FaxBox.Fax;

namespace FaxBox.CallControl.Tests.Records;

/// <summary>The frame list a fax record keeps for its ladder diagram: order, sides, octets, folding and its bound.</summary>
public sealed class T30LadderRecorderTests
{
    private static byte[] Frame(byte fcf, params byte[] fif) => [0xFF, 0x13, fcf, .. fif];

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Frames_keep_their_order_side_time_mnemonic_and_octets()
    {
        var ladder = new T30LadderRecorder();
        ladder.Add(T30FrameOrigin.Remote, Ms(3_000), Frame((byte)T30FrameType.Dis, 0x00, 0xEE, 0xF8));
        ladder.Add(T30FrameOrigin.Local, Ms(4_200), Frame((byte)T30FrameType.Dcs | 1, 0x00, 0x46));
        ladder.Add(T30FrameOrigin.Remote, Ms(6_020), Frame((byte)T30FrameType.Cfr | 1));
        ladder.Add(T30FrameOrigin.Local, Ms(9_000), Frame((byte)T30FrameType.Dcn | 1));

        var (frames, omitted) = ladder.Snapshot();
        Assert.Equal(0, omitted);
        Assert.Equal(["DIS", "DCS", "CFR", "DCN"], frames.Select(f => f.Name));
        Assert.Equal([T30FrameOrigin.Remote, T30FrameOrigin.Local, T30FrameOrigin.Remote, T30FrameOrigin.Local], frames.Select(f => f.From));
        Assert.Equal([Ms(3_000), Ms(4_200), Ms(6_020), Ms(9_000)], frames.Select(f => f.At));
        Assert.Equal("FF138000EEF8", frames[0].Bytes);
        Assert.Equal("FF13830046", frames[1].Bytes);
        Assert.All(frames, f => Assert.Equal(1, f.Count));
    }

    [Fact]
    public void ECM_image_frames_keep_no_octets_and_a_run_folds_into_one_entry_per_side()
    {
        var ladder = new T30LadderRecorder();
        const byte Fcd = 0x06; // T.30 Table A.1: facsimile coded data, the page's content
        const byte Rcp = 0x86; // return to control for partial page
        ladder.Add(T30FrameOrigin.Local, Ms(100), Frame(Fcd, 0x00, 0x12, 0x34));
        ladder.Add(T30FrameOrigin.Local, Ms(120), Frame(Fcd, 0x01, 0x56, 0x78));
        ladder.Add(T30FrameOrigin.Local, Ms(140), Frame(Fcd, 0x02, 0x9A, 0xBC));
        ladder.Add(T30FrameOrigin.Local, Ms(160), Frame(Rcp));
        ladder.Add(T30FrameOrigin.Local, Ms(180), Frame(Rcp));
        ladder.Add(T30FrameOrigin.Local, Ms(900), Frame((byte)T30FrameType.Pps | 1, (byte)T30FrameType.Eop, 0, 0, 2));

        var frames = ladder.Snapshot().Frames;
        Assert.Equal(["FCD", "RCP", "PPS"], frames.Select(f => f.Name));
        Assert.Equal([3, 2, 1], frames.Select(f => f.Count));
        Assert.Null(frames[0].Bytes);
        Assert.Null(frames[1].Bytes);
        Assert.Equal(Ms(100), frames[0].At);
        Assert.NotNull(frames[2].Bytes);
    }

    [Fact]
    public void A_long_run_of_image_frames_folds_into_one_entry_across_snapshots()
    {
        var ladder = new T30LadderRecorder();
        ladder.Add(T30FrameOrigin.Remote, Ms(0), Frame((byte)T30FrameType.Cfr | 1));
        for (var i = 0; i < 300; i++)
        {
            ladder.Add(T30FrameOrigin.Local, Ms(100 + i), Frame(T30Frames.FcdFcf, (byte)i));
        }

        // A snapshot half-way (the admin page's live ladder) shows the run so far; the run goes on folding after it.
        var mid = ladder.Snapshot().Frames;
        Assert.Equal(["CFR", "FCD"], mid.Select(f => f.Name));
        Assert.Equal(300, mid[1].Count);
        for (var i = 0; i < 212; i++)
        {
            ladder.Add(T30FrameOrigin.Local, Ms(400 + i), Frame(T30Frames.FcdFcf, (byte)i));
        }

        ladder.Add(T30FrameOrigin.Remote, Ms(900), Frame(T30Frames.FcdFcf, 0));
        ladder.Add(T30FrameOrigin.Local, Ms(1_000), Frame((byte)T30FrameType.Pps | 1, (byte)T30FrameType.Eop, 0, 0, 0xFF));
        var frames = ladder.Snapshot().Frames;
        Assert.Equal(["CFR", "FCD", "FCD", "PPS"], frames.Select(f => f.Name));
        Assert.Equal([1, 512, 1, 1], frames.Select(f => f.Count));
        Assert.Equal([T30FrameOrigin.Remote, T30FrameOrigin.Local, T30FrameOrigin.Remote, T30FrameOrigin.Local], frames.Select(f => f.From));
        Assert.Equal(4, ladder.Count);
    }

    [Fact]
    public void The_list_is_bounded_and_the_last_frame_seen_is_always_kept()
    {
        var ladder = new T30LadderRecorder();
        for (var i = 0; i < FaxRecord.MaxT30Frames + 99; i++)
        {
            ladder.Add(i % 2 == 0 ? T30FrameOrigin.Local : T30FrameOrigin.Remote, Ms(i * 20), Frame((byte)T30FrameType.Crp));
        }

        ladder.Add(T30FrameOrigin.Remote, Ms(99_999), Frame((byte)T30FrameType.Dcn));
        var (frames, omitted) = ladder.Snapshot();
        Assert.Equal(FaxRecord.MaxT30Frames, frames.Length);
        Assert.Equal(100, omitted);
        Assert.Equal("DCN", frames[^1].Name);
        Assert.Equal(Ms(99_999), frames[^1].At);
    }

    [Fact]
    public void A_long_frame_keeps_its_first_octets_and_a_short_one_is_ignored()
    {
        var ladder = new T30LadderRecorder();
        ladder.Add(T30FrameOrigin.Remote, Ms(0), [0xFF, 0x13]);
        ladder.Add(T30FrameOrigin.Remote, Ms(0), Frame((byte)T30FrameType.Nsf, [.. Enumerable.Range(0, 60).Select(i => (byte)i)]));
        var entry = Assert.Single(ladder.Snapshot().Frames);
        Assert.Equal("NSF", entry.Name);
        Assert.Equal(T30FrameEntry.MaxBytes * 2, entry.Bytes!.Length);
    }

    [Fact]
    public void AttachTo_copies_the_frames_into_a_record()
    {
        var ladder = new T30LadderRecorder();
        ladder.Add(T30FrameOrigin.Local, Ms(20), Frame((byte)T30FrameType.Dcn));
        var record = new FaxRecord("1", "c", "fxs0", "outbound", null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            CallMediaMode.T38, "test", null, 0, 0, false, false, "x", FaxNetworkStatistics.None);
        Assert.Empty(record.T30Frames);
        var withFrames = ladder.AttachTo(record);
        Assert.Equal("DCN", Assert.Single(withFrames.T30Frames).Name);
        Assert.Equal(record.Id, withFrames.Id);
    }
}
