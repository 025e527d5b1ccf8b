namespace FaxBox.Media.Udptl;

/// <summary>Outcome of <see cref="UdptlEncoder.Encode"/>.</summary>
public enum UdptlEncodeStatus
{
    /// <summary>The packet was written.</summary>
    Ok,

    /// <summary>The IFP alone exceeds the peer's <c>T38FaxMaxDatagram</c>; nothing was written and no sequence number used.</summary>
    IfpTooLargeForPeer,

    /// <summary>The IFP is empty (an IFP has at least its type octet).</summary>
    EmptyIfp,
}
