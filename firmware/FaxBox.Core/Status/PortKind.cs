namespace FaxBox.Core.Status;

/// <summary>What a line port is.</summary>
public enum PortKind
{
    /// <summary>Foreign exchange station: a phone or fax machine plugs in.</summary>
    Fxs,

    /// <summary>Foreign exchange office: the box plugs into a PSTN line.</summary>
    Fxo,
}
