namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>The two kinds of analog port.</summary>
public enum BoardPortType
{
    /// <summary>Foreign Exchange Station: the box is the exchange, a fax machine or phone plugs in (JSON <c>"fxs"</c>).</summary>
    Fxs,

    /// <summary>Foreign Exchange Office: the box is the subscriber, it plugs into a PSTN line (JSON <c>"fxo"</c>).</summary>
    Fxo,
}
