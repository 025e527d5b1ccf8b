namespace FaxBox.Core.Status;

/// <summary>
/// One T.30 HDLC frame of a fax call (ITU-T T.30 §5.3.6) as a <see cref="FaxRecord"/> keeps it for the ladder diagram: who
/// sent it, when, and which frame it was.
/// </summary>
/// <param name="At">When it was seen, as media time since the call's media began (20 ms resolution).</param>
/// <param name="From">Which side sent it.</param>
/// <param name="Name">The T.30 mnemonic ("DIS", "DCS", "MCF", ECM's "FCD" and "RCP"), or the control field in hex ("0x5A") for an unknown one.</param>
/// <param name="Bytes">
/// The frame in hex from the address field ("FF1380…", no FCS), at most <see cref="MaxBytes"/> octets; null for frames that
/// carry document content (ECM FCD/RCP and any other frame outside Table 1), which are never kept.
/// </param>
/// <param name="Count">How many such frames in a row this entry stands for (ECM image frames are folded into one entry).</param>
public sealed record T30FrameEntry(TimeSpan At, T30FrameOrigin From, string Name, string? Bytes, int Count = 1)
{
    /// <summary>Most octets of a frame kept in <see cref="Bytes"/> (a DIS with every extension fits).</summary>
    public const int MaxBytes = 32;
}
