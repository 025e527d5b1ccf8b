using System.Net;
using Microsoft.AspNetCore.Http;

namespace FaxBox.Admin.Security;

/// <summary>
/// Who counts as "on the box itself" for the first-run set-up: a connection from a loopback address (no forwarding
/// header is trusted). Tests, which can only connect over loopback, switch <see cref="Enabled"/> off to be a remote client.
/// </summary>
internal sealed class LoopbackTrust
{
    /// <summary>Whether loopback clients may set the first password without the one-time code. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether <paramref name="http"/> comes from the box itself.</summary>
    public bool IsLocal(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Enabled && http.Connection.RemoteIpAddress is { } address
            && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }
}
