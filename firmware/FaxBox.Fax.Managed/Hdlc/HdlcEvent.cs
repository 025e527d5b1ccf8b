namespace FaxBox.Fax.Managed.Hdlc;

/// <summary>What an <see cref="HdlcDecoder"/> reports beside frames.</summary>
public enum HdlcEvent
{
    /// <summary>The modem below detected carrier.</summary>
    CarrierUp,

    /// <summary>The carrier went away (a frame in progress is dropped).</summary>
    CarrierDown,

    /// <summary>
    /// The preamble was recognised: <see cref="HdlcDecoder.FramingOkFlags"/> flags in a row (T.30 §5.3.1 preamble;
    /// spandsp calls this "framing OK"). Reported once per carrier.
    /// </summary>
    FramingOk,

    /// <summary>Seven or more ones in a row inside a frame: the sender aborted it (ISO/IEC 13239 §4.4.1).</summary>
    Abort,
}
