using FaxBox.Sip.Dns;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>Every SIP URI in the bench is an IP address: DNS is never asked.</summary>
internal sealed class NoDns : IDnsClient
{
    public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"unexpected DNS query {type} {name}");
}
