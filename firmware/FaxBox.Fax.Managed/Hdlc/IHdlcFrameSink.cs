namespace FaxBox.Fax.Managed.Hdlc;

/// <summary>Where an <see cref="HdlcDecoder"/> delivers frames, one at a time, synchronously.</summary>
public interface IHdlcFrameSink
{
    /// <summary>
    /// One frame between flags, without its FCS. <paramref name="fcsOk"/> is false when the FCS did not check (T.30
    /// still wants to know a frame arrived). The span is valid only during the call.
    /// </summary>
    void OnFrame(ReadOnlySpan<byte> frame, bool fcsOk);

    /// <summary>A carrier, preamble or abort event.</summary>
    void OnEvent(HdlcEvent hdlcEvent);
}
