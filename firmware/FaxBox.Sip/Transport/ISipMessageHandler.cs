namespace FaxBox.Sip.Transport;

/// <summary>Receives what a transport reads. Awaited by the transport; an exception is logged by the transport and never stops it.</summary>
public interface ISipMessageHandler
{
    ValueTask OnMessageAsync(SipTransportMessage message, CancellationToken cancellationToken);
}
