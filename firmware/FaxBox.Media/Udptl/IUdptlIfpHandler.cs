namespace FaxBox.Media.Udptl;

/// <summary>Receives the IFPs a UDPTL receiver recovers, in sequence order, each once; gaps in the sequence numbers are IFPs lost for good.</summary>
public interface IUdptlIfpHandler
{
    /// <summary>Called on the media thread; <paramref name="ifp"/> is valid only during the call.</summary>
    void OnIfp(ReadOnlySpan<byte> ifp, ushort sequence);
}
