namespace FaxBox.Fax;

/// <summary>Helpers for T.30 facsimile control fields.</summary>
public static class T30Frames
{
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
