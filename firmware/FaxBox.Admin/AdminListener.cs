using System.Net;
using System.Net.Sockets;

namespace FaxBox.Admin;

/// <summary>
/// One listening TCP socket of the admin site, bound and listening from the box's start (so a browser's connection waits
/// in the backlog rather than being refused) and handed to Kestrel when the site is built
/// (<c>ListenerHandles.Duplicate</c>: Kestrel owns and closes its own descriptor of the same socket).
/// </summary>
internal sealed class AdminListener : IDisposable
{
    /// <summary>Kestrel's default listen backlog.</summary>
    private const int Backlog = 512;

    private AdminListener(Socket socket, bool https, Uri address)
    {
        Socket = socket;
        IsHttps = https;
        Address = address;
    }

    /// <summary>The listening socket.</summary>
    public Socket Socket { get; }

    /// <summary>Whether the site speaks TLS on it.</summary>
    public bool IsHttps { get; }

    /// <summary>Where a browser on the box reaches it (port 0 resolved; a wildcard address shown as loopback).</summary>
    public Uri Address { get; }

    /// <summary>The bound port.</summary>
    public int Port => Address.Port;

    /// <summary>
    /// Binds every address of <paramref name="urls"/> (<c>admin.urls</c>, read by <see cref="TryParse"/>): an IP literal
    /// as given, <c>localhost</c> on 127.0.0.1 and ::1 (when the host has IPv6), <c>*</c>, <c>+</c> and any other host
    /// name on every address (IPv6 dual mode, else IPv4), as Kestrel reads them.
    /// </summary>
    /// <exception cref="IOException">An address is in use, cannot be bound or is not an http(s) URL (the message names it and <c>admin.urls</c>).</exception>
    public static IReadOnlyList<AdminListener> Bind(IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var bound = new List<AdminListener>();
        try
        {
            foreach (var url in urls)
            {
                if (!TryParse(url, out var uri))
                {
                    throw new IOException($"admin.urls {url}: not an http:// or https:// address");
                }

                var https = uri.Scheme == Uri.UriSchemeHttps;
                foreach (var endPoint in EndPoints(uri.Host, uri.Port))
                {
                    try
                    {
                        bound.Add(Listen(endPoint, https, uri.Scheme));
                    }
                    catch (SocketException e) when (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && endPoint.AddressFamily == AddressFamily.InterNetworkV6
                                                    && e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
                    {
                        // No IPv6 loopback on this host: localhost is 127.0.0.1 alone.
                    }
                    catch (SocketException e)
                    {
                        throw new IOException($"admin.urls {url}: {e.Message}", e);
                    }
                }
            }

            return bound;
        }
        catch
        {
            foreach (var listener in bound)
            {
                listener.Dispose();
            }

            throw;
        }
    }

    public void Dispose() => Socket.Dispose();

    /// <summary>
    /// Reads an <c>admin.urls</c> entry: an absolute http:// or https:// URL; the wildcard hosts <c>*</c> and <c>+</c>
    /// (which <see cref="Uri"/> refuses) stand for every address.
    /// </summary>
    public static bool TryParse(string url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url;
        foreach (var wildcard in (ReadOnlySpan<string>)["://*", "://+"])
        {
            var at = text.IndexOf(wildcard, StringComparison.Ordinal);
            if (at > 0 && (text.Length == at + 4 || text[at + 4] is ':' or '/'))
            {
                text = string.Concat(text.AsSpan(0, at + 3), "[::]", text.AsSpan(at + 4));
            }
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return true;
        }

        uri = null;
        return false;
    }

    private static IEnumerable<IPEndPoint> EndPoints(string host, int port)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return [new IPEndPoint(ip.Equals(IPAddress.IPv6Any) && !Socket.OSSupportsIPv6 ? IPAddress.Any : ip, port)];
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return Socket.OSSupportsIPv6 && port != 0
                ? [new IPEndPoint(IPAddress.Loopback, port), new IPEndPoint(IPAddress.IPv6Loopback, port)]
                : [new IPEndPoint(IPAddress.Loopback, port)];
        }

        return [new IPEndPoint(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, port)];
    }

    private static AdminListener Listen(IPEndPoint endPoint, bool https, string scheme)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }
            else if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.Bind(endPoint);
            socket.Listen(Backlog);
            var local = (IPEndPoint)socket.LocalEndPoint!;
            var shown = local.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
                : local.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
                : local.Address;
            var host = shown.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{shown}]" : shown.ToString();
            return new AdminListener(socket, https, new Uri($"{scheme}://{host}:{local.Port}/"));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
