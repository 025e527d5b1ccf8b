using System.Net.Http.Json;
using System.Net.Sockets;
using FaxBox.Admin.Api;

namespace FaxBox.Host.Api;

/// <summary>An HTTP client for the box's local API over its Unix socket (what <c>faxbox send</c> uses).</summary>
internal static class LocalApiClient
{
    /// <summary>A client whose every request goes to <paramref name="socketPath"/>; the host in URLs is ignored.</summary>
    public static HttpClient Create(string socketPath, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://faxbox/"), Timeout = timeout ?? TimeSpan.FromSeconds(100) };
    }

    /// <summary>Reads a JSON body with the API's options.</summary>
    public static Task<T?> ReadAsync<T>(HttpContent content, CancellationToken cancellationToken) =>
        content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken);
}
