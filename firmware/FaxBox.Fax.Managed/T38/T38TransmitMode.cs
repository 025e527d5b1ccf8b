namespace FaxBox.Fax.Managed.T38;

/// <summary>What a <see cref="T38TerminalTransmitter"/> is doing.</summary>
internal enum T38TransmitMode
{
    /// <summary>Nothing to send.</summary>
    Idle,

    /// <summary>An indicator (CNG, CED) held for its tone time; nothing else is sent meanwhile.</summary>
    Tone,

    /// <summary>The preamble or training time between the indicator and the first data octet.</summary>
    Training,

    /// <summary>HDLC frames from the feed (V.21 control messages, or ECM blocks on the image modem).</summary>
    Hdlc,

    /// <summary>Non-ECM image data from the feed (t4-non-ecm-data).</summary>
    Image,
}
