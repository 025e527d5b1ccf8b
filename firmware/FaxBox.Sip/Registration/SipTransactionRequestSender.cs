using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Registration;

/// <summary>
/// <see cref="ISipRequestSender"/> over the RFC 3261 §17 transaction layer, so registration shares the transports (and
/// their single message handler) with calls. Each send gets a fresh top Via and branch from the layer; a Timer F
/// timeout (synthesized 408) becomes <see cref="TimeoutException"/> and a transport error (synthesized 503)
/// <see cref="SipTransportException"/>, as the interface promises ("try the next target").
/// </summary>
public sealed class SipTransactionRequestSender : ISipRequestSender
{
    private readonly SipTransactionLayer _layer;

    public SipTransactionRequestSender(SipTransactionLayer layer)
    {
        _layer = layer ?? throw new ArgumentNullException(nameof(layer));
    }

    public async Task<SipResponse> SendAsync(SipRequest request, SipTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove(SipHeaderNames.Via); // a new transaction, a new branch (RFC 3261 §8.1.1.7)
        var transaction = _layer.SendRequest(request, target.EndPoint);
        var response = await transaction.FinalResponse.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!transaction.TimedOut)
        {
            return response;
        }

        if (response.StatusCode == SipStatusCodes.ServiceUnavailable)
        {
            throw new SipTransportException($"{request.Method} to {target.EndPoint} failed: transport error");
        }

        throw new TimeoutException($"no final response to {request.Method} from {target.EndPoint} within {_layer.TimerOptions.TransactionTimeout} (Timer F, RFC 3261 §17.1.2.2)");
    }

    public SipEndPoint LocalEndPointFor(SipTarget target) =>
        _layer.Transports.TryGetValue(target.EndPoint.Protocol, out var transport)
            ? transport.LocalEndPoint
            : throw new SipTransportException($"no {target.EndPoint.Protocol} transport is configured for {target.EndPoint}");
}
