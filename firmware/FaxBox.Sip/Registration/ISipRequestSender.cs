using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;

namespace FaxBox.Sip.Registration;

/// <summary>
/// Sends one out-of-dialog non-INVITE request (REGISTER, OPTIONS) to a located target and returns its final response;
/// provisional responses are skipped. Throws <see cref="Transport.SipTransportException"/> on a transport error and
/// <see cref="TimeoutException"/> when Timer F fires (RFC 3261 §17.1.2.2); both mean "try the next target".
/// The sender sets the top Via (with rport, RFC 3581) and its branch.
/// </summary>
public interface ISipRequestSender
{
    Task<SipResponse> SendAsync(SipRequest request, SipTarget target, CancellationToken cancellationToken);

    /// <summary>The address the box is reachable at over <paramref name="target"/>'s transport (for Contact and Via).</summary>
    Transport.SipEndPoint LocalEndPointFor(SipTarget target);
}
