using FaxBox.Core.T38;

namespace FaxBox.Fax.Managed.T38;

/// <summary>What a <see cref="T38TerminalReceiver"/> reports from the IFPs it is fed (ITU-T T.38 §5–6).</summary>
internal interface IT38ReceiveHandler
{
    /// <summary>A <c>t30-indicator</c> arrived.</summary>
    void OnIndicator(T38Indicator indicator);

    /// <summary>
    /// An HDLC frame ended (<c>hdlc-fcs-OK</c>/<c>-BAD</c>): its octets in T.38 order from the address field, no FCS. The
    /// span is the receiver's buffer and is valid during the call only (the handler may change it in place).
    /// <paramref name="good"/> is false for FCS-BAD or a frame with octets lost to missing packets.
    /// </summary>
    void OnFrame(Span<byte> frame, bool good, T38DataType dataType);

    /// <summary>Non-ECM image octets (<c>t4-non-ecm-data</c>), T.38 order, in line order.</summary>
    void OnImageData(ReadOnlySpan<byte> data, T38DataType dataType);

    /// <summary>The far end's modem signal ended (<c>hdlc-sig-end</c>, <c>…-sig-end</c>).</summary>
    void OnSignalEnd(T38DataType dataType);
}
