using System.Security.Cryptography;
using System.Text;

namespace FaxBox.FaxServer.Delivery;

/// <summary>
/// The webhook signature: <c>sha256=</c> followed by the lower-case hex HMAC-SHA256 (RFC 2104, FIPS 180-4) of the exact
/// request body under the shared secret, in header <see cref="WebhookOptions.SignatureHeader"/>.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, mac);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/> (constant-time compare).</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null)
        {
            return false;
        }

        byte[] expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        byte[] actual = Encoding.ASCII.GetBytes(header);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
