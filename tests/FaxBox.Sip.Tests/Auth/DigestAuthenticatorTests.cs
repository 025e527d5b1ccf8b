using FaxBox.Sip.Auth;

namespace FaxBox.Sip.Tests.Auth;

public sealed class DigestAuthenticatorTests
{
    private const string Challenge = "Digest realm=\"faxbox.test\", nonce=\"abc123\", qop=\"auth\", algorithm=MD5";

    private static DigestAuthenticator Alice() => new(new DigestCredentials("alice", "secret"), () => "0a4f113b");

    private static Dictionary<string, string> Params(string header)
    {
        Assert.True(DigestParameters.TryParse(header, out _, out var p, out string? error), error);
        return p;
    }

    [Fact]
    public void First_challenge_is_answered_and_407_uses_proxy_authorization()
    {
        var answer = Alice().Answer(407, [Challenge], "INVITE", "sip:bob@faxbox.test", default, requestCarriedCredentials: false);
        Assert.Equal(DigestOutcome.Retry, answer.Outcome);
        Assert.Equal("Proxy-Authorization", answer.HeaderName);
        var p = Params(answer.HeaderValue!);
        Assert.Equal(DigestComputation.Response(DigestAlgorithm.Md5, "alice", "faxbox.test", "secret", "abc123", "0a4f113b", "00000001", "auth", "INVITE", "sip:bob@faxbox.test", default), p["response"]);
        Assert.Equal("alice", p["username"]);
    }

    [Fact]
    public void Challenge_after_credentials_with_a_fresh_nonce_means_wrong_password()
    {
        var auth = Alice();
        auth.Answer(401, [Challenge], "REGISTER", "sip:faxbox.test", default, false);
        var again = auth.Answer(401, [Challenge.Replace("abc123", "def456", StringComparison.Ordinal)], "REGISTER", "sip:faxbox.test", default, requestCarriedCredentials: true);
        Assert.Equal(DigestOutcome.CredentialsRefused, again.Outcome);
        Assert.Contains("wrong user name or password", again.Reason, StringComparison.Ordinal);
        Assert.Empty(auth.AuthorizeAgain("REGISTER", "sip:faxbox.test", default));
    }

    [Fact]
    public void Stale_nonce_is_retried_with_the_new_nonce_and_nc_restarts()
    {
        var auth = Alice();
        auth.Answer(401, [Challenge], "REGISTER", "sip:faxbox.test", default, false);
        auth.AuthorizeAgain("REGISTER", "sip:faxbox.test", default);
        var stale = auth.Answer(401, ["Digest realm=\"faxbox.test\", nonce=\"fresh\", qop=\"auth\", stale=TRUE"], "REGISTER", "sip:faxbox.test", default, requestCarriedCredentials: true);
        Assert.Equal(DigestOutcome.Retry, stale.Outcome);
        var p = Params(stale.HeaderValue!);
        Assert.Equal("fresh", p["nonce"]);
        Assert.Equal("00000001", p["nc"]);
    }

    [Fact]
    public void Later_requests_reuse_the_nonce_with_increasing_nc()
    {
        var auth = Alice();
        auth.Answer(401, [Challenge], "REGISTER", "sip:faxbox.test", default, false);
        var second = Assert.Single(auth.AuthorizeAgain("REGISTER", "sip:faxbox.test", default));
        var third = Assert.Single(auth.AuthorizeAgain("REGISTER", "sip:faxbox.test", default));
        Assert.Equal("Authorization", second.HeaderName);
        Assert.Equal("00000002", Params(second.HeaderValue)["nc"]);
        Assert.Equal("00000003", Params(third.HeaderValue)["nc"]);
        Assert.NotEqual(Params(second.HeaderValue)["response"], Params(third.HeaderValue)["response"]);
    }

    [Fact]
    public void Credentials_bound_to_a_realm_are_not_given_to_another()
    {
        var auth = new DigestAuthenticator(new DigestCredentials("alice", "secret", "provider.example"));
        var answer = auth.Answer(407, [Challenge], "INVITE", "sip:x@y", default, false);
        Assert.Equal(DigestOutcome.CannotAnswer, answer.Outcome);
        Assert.Contains("faxbox.test", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_algorithms_and_schemes_are_skipped_for_the_first_supported()
    {
        var answer = Alice().Answer(401,
            ["Basic realm=\"x\"", "Digest realm=\"faxbox.test\", nonce=\"n\", algorithm=SHA-512-256, qop=\"auth\"", "Digest realm=\"faxbox.test\", nonce=\"n2\", algorithm=SHA-256, qop=\"auth\""],
            "REGISTER", "sip:faxbox.test", default, false);
        Assert.Equal("SHA-256", Params(answer.HeaderValue!)["algorithm"]);
        var none = Alice().Answer(401, ["Basic realm=\"x\""], "REGISTER", "sip:faxbox.test", default, false);
        Assert.Equal(DigestOutcome.CannotAnswer, none.Outcome);
        Assert.Contains("not Digest", none.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_qop_gives_the_rfc_2069_form_without_nc_or_cnonce()
    {
        var answer = Alice().Answer(401, ["Digest realm=\"faxbox.test\", nonce=\"n\""], "REGISTER", "sip:faxbox.test", default, false);
        var p = Params(answer.HeaderValue!);
        Assert.False(p.ContainsKey("nc"));
        Assert.False(p.ContainsKey("cnonce"));
        Assert.Equal(DigestComputation.Response(DigestAlgorithm.Md5, "alice", "faxbox.test", "secret", "n", null, null, null, "REGISTER", "sip:faxbox.test", default), p["response"]);
    }

    [Theory]
    [InlineData("Digest nonce=\"n\"", "without realm")]
    [InlineData("Digest realm=\"r\"", "without nonce")]
    [InlineData("Digest realm=\"r, nonce=\"n\"", "expected ','")]
    [InlineData("Digest realm=\"unterminated", "unterminated")]
    [InlineData("Digest realm=\"r\", realm=\"s\", nonce=\"n\"", "appears twice")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\"", "neither auth nor auth-int")]
    public void Broken_challenges_are_refused_with_the_reason(string header, string reason)
    {
        var answer = Alice().Answer(401, [header], "REGISTER", "sip:faxbox.test", default, false);
        Assert.Equal(DigestOutcome.CannotAnswer, answer.Outcome);
        Assert.Contains(reason, answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_values_with_escapes_round_trip()
    {
        var auth = new DigestAuthenticator(new DigestCredentials("al\"ice", "secret"));
        var answer = auth.Answer(401, ["Digest realm=\"a \\\"quoted\\\" realm\", nonce=\"n\", qop=auth"], "REGISTER", "sip:x", default, false);
        var p = Params(answer.HeaderValue!);
        Assert.Equal("a \"quoted\" realm", p["realm"]);
        Assert.Equal("al\"ice", p["username"]);
    }
}
