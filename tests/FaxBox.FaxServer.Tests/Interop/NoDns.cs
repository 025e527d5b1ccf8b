using FaxBox.Sip.Dns;

namespace FaxBox.FaxServer.Tests.Interop;

/// <summary>Every SIP URI in these tests has an IP address: DNS is never asked.</summary>
internal sealed class NoDns : IDnsClient
{
    public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"unexpected DNS query {type} {name}");
}
