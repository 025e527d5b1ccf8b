namespace FaxBox.Fax;

/// <summary>A T.30 HDLC frame seen by a terminal or gateway (for ladder diagrams and end-of-call detection).</summary>
public sealed class T30FrameEventArgs(bool incoming, byte[] frame, TimeSpan at) : EventArgs
{
    /// <summary>True for a frame received from the far end (or, at a gateway, arriving from the audio leg).</summary>
    public bool Incoming { get; } = incoming;

    /// <summary>
    /// The frame bytes from the address field (0xFF) on, without the FCS. An ECM image frame (FCD) from a terminal or gateway
    /// carries only its first <see cref="T30Frames.FcdHeaderLength"/> octets (up to its frame number), not the page's data
    /// (<see cref="T30Frames.CopyForEvent"/>).
    /// </summary>
    public byte[] Frame { get; } = frame;

    /// <summary>Simulated call time the frame was seen at.</summary>
    public TimeSpan At { get; } = at;

    /// <summary>The T.30 facsimile control field with the X bit cleared (ITU-T T.30 §5.3.6), or null for a short frame.</summary>
    public T30FrameType? Type => Frame.Length >= 3 ? T30Frames.TypeOf(Frame[2]) : null;
}
