using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FaxBox.Sip.Auth;

/// <summary>
/// Answers Digest challenges for one account (RFC 3261 §22, RFC 2617, RFC 7616): MD5 and SHA-256 (and -sess), qop=auth
/// (auth-int when it is the only choice), a fresh cnonce per answer, nc counted per nonce (§3.2.2: the server detects
/// replays by it), stale nonces retried without treating them as a refusal. It remembers the last challenge per realm so
/// later requests (a REGISTER refresh) can carry credentials at once with the next nc. Thread-safe.
/// </summary>
public sealed class DigestAuthenticator
{
    private readonly DigestCredentials _credentials;
    private readonly Func<string> _cnonce;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DigestChallenge Challenge, int NonceCount, bool Proxy)> _realms = new(StringComparer.Ordinal);

    /// <param name="credentials">The account.</param>
    /// <param name="cnonceFactory">Makes client nonces; default 16 random bytes in hex. Tests pass the RFC vectors' values.</param>
    public DigestAuthenticator(DigestCredentials credentials, Func<string>? cnonceFactory = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
        _cnonce = cnonceFactory ?? (() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>
    /// Answers a 401 (WWW-Authenticate values) or 407 (Proxy-Authenticate values) to a request of
    /// <paramref name="method"/> to <paramref name="digestUri"/> (the Request-URI). <paramref name="requestCarriedCredentials"/>
    /// says whether the challenged request already had credentials for the realm: then only a stale nonce is retried.
    /// </summary>
    public DigestAnswer Answer(int statusCode, IEnumerable<string> challengeValues, string method, string digestUri, ReadOnlySpan<byte> body, bool requestCarriedCredentials)
    {
        ArgumentNullException.ThrowIfNull(challengeValues);
        bool proxy = statusCode == 407;
        if (statusCode is not (401 or 407))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "only 401 and 407 carry Digest challenges");
        }

        var challenge = DigestChallenge.ChooseFirstSupported(challengeValues, out string? error);
        if (challenge is null)
        {
            return DigestAnswer.Fail(DigestOutcome.CannotAnswer, $"{statusCode} without a usable Digest challenge: {error}");
        }

        if (_credentials.Realm is not null && !string.Equals(_credentials.Realm, challenge.Realm, StringComparison.Ordinal))
        {
            return DigestAnswer.Fail(DigestOutcome.CannotAnswer, $"no credentials for realm '{challenge.Realm}' (the account's realm is '{_credentials.Realm}')");
        }

        if (requestCarriedCredentials && !challenge.Stale)
        {
            lock (_lock)
            {
                _realms.Remove(challenge.Realm);
            }

            return DigestAnswer.Fail(DigestOutcome.CredentialsRefused, $"realm '{challenge.Realm}' refused the credentials of '{_credentials.Username}' (wrong user name or password)");
        }

        if (challenge.Qop.Count > 0 && !challenge.OffersAuth && !challenge.Qop.Contains("auth-int", StringComparer.OrdinalIgnoreCase))
        {
            return DigestAnswer.Fail(DigestOutcome.CannotAnswer, $"Digest qop '{string.Join(",", challenge.Qop)}' offers neither auth nor auth-int");
        }

        int nc;
        lock (_lock)
        {
            _realms[challenge.Realm] = (challenge, 1, proxy);
            nc = 1;
        }

        return new DigestAnswer(DigestOutcome.Retry, HeaderName(proxy), Build(challenge, nc, method, digestUri, body), null);
    }

    /// <summary>
    /// Credentials for a new request from the last challenge of each realm, with the next nc (RFC 2617 §3.2.2), as
    /// (header name, value) pairs; empty before any challenge. A stale answer to one of these is retried by <see cref="Answer"/>.
    /// </summary>
    public IReadOnlyList<(string HeaderName, string HeaderValue)> AuthorizeAgain(string method, string digestUri, ReadOnlySpan<byte> body)
    {
        var result = new List<(string, string)>();
        lock (_lock)
        {
            foreach (var realm in _realms.Keys.ToList())
            {
                var (challenge, count, proxy) = _realms[realm];
                _realms[realm] = (challenge, count + 1, proxy);
                result.Add((HeaderName(proxy), Build(challenge, count + 1, method, digestUri, body)));
            }
        }

        return result;
    }

    /// <summary>Forgets every cached challenge (after a credentials change or a failover to another registrar).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _realms.Clear();
        }
    }

    private static string HeaderName(bool proxy) => proxy ? "Proxy-Authorization" : "Authorization";

    private string Build(DigestChallenge challenge, int nonceCount, string method, string digestUri, ReadOnlySpan<byte> body)
    {
        string? qop = challenge.OffersAuth ? "auth" : challenge.Qop.Count > 0 ? "auth-int" : null;
        string? cnonce = qop is not null || challenge.Algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess ? _cnonce() : null;
        string? nc = qop is null ? null : nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        string response = DigestComputation.Response(challenge.Algorithm, _credentials.Username, challenge.Realm, _credentials.Password, challenge.Nonce, cnonce, nc, qop, method, digestUri, body);

        var value = new StringBuilder("Digest ");
        value.Append("username=").Append(DigestParameters.Quote(_credentials.Username));
        value.Append(", realm=").Append(DigestParameters.Quote(challenge.Realm));
        value.Append(", nonce=").Append(DigestParameters.Quote(challenge.Nonce));
        value.Append(", uri=").Append(DigestParameters.Quote(digestUri));
        value.Append(", response=").Append(DigestParameters.Quote(response));
        value.Append(", algorithm=").Append(DigestChallenge.AlgorithmName(challenge.Algorithm));
        if (cnonce is not null)
        {
            value.Append(", cnonce=").Append(DigestParameters.Quote(cnonce));
        }

        if (challenge.Opaque is not null)
        {
            value.Append(", opaque=").Append(DigestParameters.Quote(challenge.Opaque));
        }

        if (qop is not null)
        {
            value.Append(", qop=").Append(qop).Append(", nc=").Append(nc);
        }

        return value.ToString();
    }
}
