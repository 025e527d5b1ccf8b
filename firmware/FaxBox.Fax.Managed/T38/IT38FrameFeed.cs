namespace FaxBox.Fax.Managed.T38;

/// <summary>What a T.38 terminal transmitter pulls its data from while it sends a message or an image.</summary>
internal interface IT38FrameFeed
{
    /// <summary>
    /// The next HDLC frame of the message, written in T.38 order (first bit sent in the most significant bit) into
    /// <paramref name="destination"/>, address field first, no FCS; its length, or 0 when
    /// the message has no more frames. <paramref name="last"/> says whether it is the message's last frame.
    /// </summary>
    int NextFrame(Span<byte> destination, out bool last);

    /// <summary>
    /// The next non-ECM image octets (page data or TCF) in T.38 order into <paramref name="destination"/>; how many, 0 at
    /// the end of the image. Asked for at most what one IFP carries; fewer than asked means the image ends.
    /// </summary>
    int NextImage(Span<byte> destination);
}
