using System.Security.Cryptography;
using System.Text;

namespace FaxBox.Sip.Auth;

/// <summary>
/// The digest arithmetic of RFC 2617 §3.2.2 and RFC 7616 §3.4.1–3.4.3: A1, A2 and the request-digest, in lower-case hex.
/// </summary>
internal static class DigestComputation
{
    public static string Hash(DigestAlgorithm algorithm, string text)
    {
        byte[] input = Encoding.UTF8.GetBytes(text);
        byte[] hash = algorithm is DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess ? SHA256.HashData(input) : HashMd5(input);
        return Convert.ToHexStringLower(hash);
    }

    public static string Hash(DigestAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        byte[] hash = algorithm is DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess ? SHA256.HashData(data) : HashMd5(data);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The "response" value. <paramref name="qop"/> null means the RFC 2069 form (no nc/cnonce);
    /// "auth-int" hashes the body into A2.
    /// </summary>
    public static string Response(
        DigestAlgorithm algorithm, string username, string realm, string password, string nonce, string? cnonce, string? nc, string? qop,
        string method, string digestUri, ReadOnlySpan<byte> body)
    {
        string ha1 = Hash(algorithm, $"{username}:{realm}:{password}");
        if (algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess)
        {
            ha1 = Hash(algorithm, $"{ha1}:{nonce}:{cnonce}");
        }

        string a2 = string.Equals(qop, "auth-int", StringComparison.OrdinalIgnoreCase)
            ? $"{method}:{digestUri}:{Hash(algorithm, body)}"
            : $"{method}:{digestUri}";
        string ha2 = Hash(algorithm, a2);
        return qop is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }

#pragma warning disable CA5351 // MD5 is what RFC 2617 digest and most SIP servers require; not used for anything else
    private static byte[] HashMd5(ReadOnlySpan<byte> data) => MD5.HashData(data);
#pragma warning restore CA5351
}
