using System.Text;
using FaxBox.Sip.Auth;

namespace FaxBox.Sip.Tests.Auth;

/// <summary>The worked examples of RFC 2617 §3.5 and RFC 7616 §3.9.1, through the computation and the whole authenticator.</summary>
public sealed class DigestVectorTests
{
    [Fact]
    public void Rfc2617_section_3_5()
    {
        string response = DigestComputation.Response(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", "0a4f113b", "00000001", "auth", "GET", "/dir/index.html", default);
        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616_section_3_9_1(DigestAlgorithm algorithm, string expected)
    {
        string response = DigestComputation.Response(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "00000001", "auth", "GET", "/dir/index.html", default);
        Assert.Equal(expected, response);
    }

    [Fact]
    public void Rfc7616_challenge_answered_end_to_end_with_sha256_preferred()
    {
        string[] challenges =
        [
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
        ];
        var auth = new DigestAuthenticator(new DigestCredentials("Mufasa", "Circle of Life"), () => "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        var answer = auth.Answer(401, challenges, "GET", "/dir/index.html", default, requestCarriedCredentials: false);

        Assert.Equal(DigestOutcome.Retry, answer.Outcome);
        Assert.Equal("Authorization", answer.HeaderName);
        Assert.True(DigestParameters.TryParse(answer.HeaderValue!, out string? scheme, out var p, out _));
        Assert.Equal("Digest", scheme);
        Assert.Equal("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", p["response"]);
        Assert.Equal("SHA-256", p["algorithm"]);
        Assert.Equal("00000001", p["nc"]);
        Assert.Equal("auth", p["qop"]);
        Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", p["opaque"]);
        Assert.Equal("/dir/index.html", p["uri"]);
        Assert.Contains(", qop=auth, nc=00000001", answer.HeaderValue, StringComparison.Ordinal); // unquoted, RFC 2617 §3.2.2
    }

    [Fact]
    public void Rfc2069_form_without_qop()
    {
        // RFC 2069 §2.1.1: response = H(H(A1):nonce:H(A2)); the example "Mufasa" response of RFC 2069 (errata-corrected).
        string response = DigestComputation.Response(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "CircleOfLife",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", null, null, null, "GET", "/dir/index.html", default);
        Assert.Equal("1949323746fe6a43ef61f9606e7febea", response);
    }

    [Fact]
    public void Auth_int_hashes_the_body_and_sess_hashes_the_nonces()
    {
        byte[] body = Encoding.ASCII.GetBytes("v=0\r\n");
        string plain = DigestComputation.Response(DigestAlgorithm.Md5, "u", "r", "p", "n", "c", "00000001", "auth-int", "INVITE", "sip:a@b", body);
        string otherBody = DigestComputation.Response(DigestAlgorithm.Md5, "u", "r", "p", "n", "c", "00000001", "auth-int", "INVITE", "sip:a@b", "v=1\r\n"u8);
        Assert.NotEqual(plain, otherBody);
        string sess = DigestComputation.Response(DigestAlgorithm.Md5Sess, "u", "r", "p", "n", "c", "00000001", "auth", "INVITE", "sip:a@b", default);
        string notSess = DigestComputation.Response(DigestAlgorithm.Md5, "u", "r", "p", "n", "c", "00000001", "auth", "INVITE", "sip:a@b", default);
        Assert.NotEqual(sess, notSess);
        Assert.Equal(64, DigestComputation.Response(DigestAlgorithm.Sha256Sess, "u", "r", "p", "n", "c", "00000001", "auth", "INVITE", "sip:a@b", default).Length);
    }
}
