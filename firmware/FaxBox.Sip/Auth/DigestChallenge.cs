using System.Text;

namespace FaxBox.Sip.Auth;

/// <summary>
/// A Digest challenge from a WWW-Authenticate (401) or Proxy-Authenticate (407) header field (RFC 2617 §3.2.1,
/// RFC 7616 §3.3, RFC 3261 §22).
/// </summary>
public sealed record DigestChallenge(string Realm, string Nonce, string? Opaque, DigestAlgorithm Algorithm, IReadOnlyList<string> Qop, bool Stale)
{
    /// <summary>Whether "auth" is among the offered qop values; when it is, the box uses it (RFC 7616 §3.4).</summary>
    public bool OffersAuth => Qop.Contains("auth", StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Parses one challenge. False with a precise <paramref name="error"/> for another scheme, a missing realm or nonce,
    /// an unsupported algorithm, or broken syntax.
    /// </summary>
    public static bool TryParse(string headerValue, out DigestChallenge? challenge, out string? error)
    {
        challenge = null;
        if (!DigestParameters.TryParse(headerValue, out string? scheme, out var parameters, out error))
        {
            return false;
        }

        if (!string.Equals(scheme, "Digest", StringComparison.OrdinalIgnoreCase))
        {
            error = $"authentication scheme '{scheme}' is not Digest";
            return false;
        }

        if (!parameters.TryGetValue("realm", out string? realm))
        {
            error = "Digest challenge without realm";
            return false;
        }

        if (!parameters.TryGetValue("nonce", out string? nonce) || nonce.Length == 0)
        {
            error = "Digest challenge without nonce";
            return false;
        }

        var algorithm = DigestAlgorithm.Md5;
        if (parameters.TryGetValue("algorithm", out string? algorithmText) && !TryParseAlgorithm(algorithmText, out algorithm))
        {
            error = $"Digest algorithm '{algorithmText}' is not supported (MD5, MD5-sess, SHA-256, SHA-256-sess are)";
            return false;
        }

        var qop = parameters.TryGetValue("qop", out string? qopText)
            ? qopText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        bool stale = parameters.TryGetValue("stale", out string? staleText) && string.Equals(staleText, "true", StringComparison.OrdinalIgnoreCase);
        challenge = new DigestChallenge(realm, nonce, parameters.GetValueOrDefault("opaque"), algorithm, qop, stale);
        return true;
    }

    /// <summary>
    /// Picks the challenge to answer from several header values (RFC 7616 §3.7: the client uses the first it supports,
    /// the server lists its preferred first). Unsupported ones are skipped; null when none is usable.
    /// </summary>
    public static DigestChallenge? ChooseFirstSupported(IEnumerable<string> headerValues, out string? error)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        var errors = new StringBuilder();
        foreach (string value in headerValues)
        {
            if (TryParse(value, out var challenge, out string? oneError))
            {
                error = null;
                return challenge;
            }

            errors.Append(errors.Length > 0 ? "; " : string.Empty).Append(oneError);
        }

        error = errors.Length > 0 ? errors.ToString() : "no challenge";
        return null;
    }

    public static string AlgorithmName(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Md5Sess => "MD5-sess",
        DigestAlgorithm.Sha256 => "SHA-256",
        _ => "SHA-256-sess",
    };

    private static bool TryParseAlgorithm(string text, out DigestAlgorithm algorithm)
    {
        foreach (var candidate in Enum.GetValues<DigestAlgorithm>())
        {
            if (string.Equals(text, AlgorithmName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = DigestAlgorithm.Md5;
        return false;
    }
}
