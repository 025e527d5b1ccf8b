namespace FaxBox.Fax.Tests;

/// <summary>What frame listeners get of a T.30 frame: whole control frames, ECM image frames (FCD) without the page's data.</summary>
public sealed class T30FramesTests
{
    [Fact]
    public void An_FCD_frame_is_copied_up_to_its_frame_number_only()
    {
        byte[] fcd = [0xFF, 0x03, T30Frames.FcdFcf, 0x2A, .. Enumerable.Range(0, 256).Select(i => (byte)i)];
        var copy = T30Frames.CopyForEvent(fcd);
        Assert.Equal([0xFF, 0x03, T30Frames.FcdFcf, 0x2A], copy);
    }

    [Fact]
    public void Control_frames_and_a_bare_FCD_header_are_copied_whole_and_not_shared()
    {
        byte[] dcs = [0xFF, 0x13, (byte)T30FrameType.Dcs | 1, 0x00, 0x46, 0x1F, 0x01];
        var copy = T30Frames.CopyForEvent(dcs);
        Assert.Equal(dcs, copy);
        Assert.NotSame(dcs, copy);

        // An RCP (no FIF) and a 4-octet FCD are short already: nothing to leave out.
        byte[] rcp = [0xFF, 0x13, 0x86];
        Assert.Equal(rcp, T30Frames.CopyForEvent(rcp));
        byte[] header = [0xFF, 0x03, T30Frames.FcdFcf, 0x00];
        Assert.Equal(header, T30Frames.CopyForEvent(header));
        Assert.Empty(T30Frames.CopyForEvent([]));
    }
}
