namespace FaxBox.Fax;

/// <summary>Helpers for T.30 facsimile control fields.</summary>
public static class T30Frames
{
    /// <summary>The facsimile control field of FCD, facsimile coded data: one ECM frame of the page (T.30 Annex A, Table A.1).</summary>
    public const byte FcdFcf = 0x06;

    /// <summary>The octets of an FCD frame kept by <see cref="CopyForEvent"/>: address, control, FCF and the frame number (T.30 Annex A, A.3.4).</summary>
    public const int FcdHeaderLength = 4;

    /// <summary>
    /// A copy of <paramref name="frame"/> (address, control, FCF, FIF; no FCS) to hand to frame listeners: the whole frame,
    /// except an ECM image frame (FCD), whose image octets are left out and only its first <see cref="FcdHeaderLength"/>
    /// octets copied. Listeners draw ladders, follow the T.30 steps and count pages; none needs the page's coded data, and a
    /// copy of every 256-octet FCD on both ends of every call was about half of what a call allocated.
    /// </summary>
    public static byte[] CopyForEvent(ReadOnlySpan<byte> frame) =>
        frame.Length > FcdHeaderLength && frame[2] == FcdFcf ? frame[..FcdHeaderLength].ToArray() : frame.ToArray();

    /// <summary>
    /// The frame type of a facsimile control field: the X bit (first bit sent, least significant here) is cleared,
    /// except in the identification groups (DIS/CSI/NSF and DTC/CIG/NSC/PWD/SEP) where that bit tells the frames apart.
    /// </summary>
    public static T30FrameType TypeOf(byte fcf) => (fcf & 0xFE) switch
    {
        0x80 or 0x40 or 0x20 or 0xC0 or 0xA0 => (T30FrameType)fcf,
        _ => (T30FrameType)(fcf & 0xFE),
    };

    /// <summary>The mnemonic of a facsimile control field ("DIS", "MCF"), or its hex value when unknown.</summary>
    public static string Name(byte fcf)
    {
        var type = TypeOf(fcf);
        return Enum.IsDefined(type) ? type.ToString().ToUpperInvariant() : $"0x{fcf:X2}";
    }
}
