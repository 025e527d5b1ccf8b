using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using FaxBox.Admin.Security;
using FaxBox.Admin.Tests.Infrastructure;

namespace FaxBox.Admin.Tests.Security;

/// <summary>HTTPS with the generated certificate (clients pinned to it), HTTP redirecting, Secure cookies, an upload applied live.</summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task Https_serves_the_generated_certificate_and_http_redirects_to_it()
    {
        await using var site = await StartAsync();
        site.EnsurePassword();
        var https = Https(site);
        var pinned = CertificateOnDisk(site);
        X509Certificate2? presented = null;
        using var client = Pinned(https, pinned, c => presented = c);
        using var login = await client.GetAsync(new Uri("/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.NotNull(presented);
        Assert.Equal(pinned, HttpsCertificateStore.FingerprintOf(presented));

        using var plain = site.CreateClient();
        using var redirect = await plain.GetAsync(new Uri("/login?ReturnUrl=%2Fsecurity", UriKind.Relative));
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal(new Uri(https, "/login?ReturnUrl=%2Fsecurity"), redirect.Headers.Location);
        using var api = await plain.GetAsync(new Uri("/api/v1/status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.PermanentRedirect, api.StatusCode);
    }

    [Fact]
    public async Task An_unpinned_client_refuses_the_self_signed_certificate()
    {
        await using var site = await StartAsync();
        using var client = new HttpClient { BaseAddress = Https(site) };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("/login", UriKind.Relative)));
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_Secure_and_the_api_works_with_a_token()
    {
        await using var site = await StartAsync();
        site.EnsurePassword();
        using var client = Pinned(Https(site), CertificateOnDisk(site));
        using var login = await AdminTestSite.PostFormAsync(client, "/login", new() { ["Password"] = AdminTestSite.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AdminSession.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);

        var (_, secret) = site.Credentials.CreateToken("https script");
        using var script = Pinned(Https(site), CertificateOnDisk(site));
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var status = await script.GetAsync(new Uri("/api/v1/status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task A_certificate_uploaded_on_the_security_page_is_presented_from_the_next_connection()
    {
        await using var site = await StartAsync();
        site.EnsurePassword();
        var https = Https(site);
        using var admin = Pinned(https, CertificateOnDisk(site));
        using (var login = await AdminTestSite.PostFormAsync(admin, "/login", new() { ["Password"] = AdminTestSite.AdminPassword }))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        var (_, wrongKey, _) = HttpsCertificateStoreTests.Rsa2048("other.example.com", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var (cert, key, fingerprint) = HttpsCertificateStoreTests.Rsa2048("fax.example.com", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using (var mismatched = await Upload(admin, cert, wrongKey))
        {
            Assert.Equal(HttpStatusCode.BadRequest, mismatched.StatusCode);
            Assert.Contains("Not installed: certificate and key: the private key does not belong to the certificate", WebUtility.HtmlDecode(await mismatched.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var uploaded = await Upload(admin, cert, key))
        {
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
            Assert.Contains(fingerprint, await uploaded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        X509Certificate2? presented = null;
        using var next = Pinned(https, fingerprint, c => presented = c);
        using var page = await next.GetAsync(new Uri("/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(fingerprint, HttpsCertificateStore.FingerprintOf(presented!));
    }

    [Fact]
    public async Task A_damaged_stored_certificate_stops_the_site_with_an_error_that_names_the_files()
    {
        using var data = TestPaths.NewTempFolder();
        Directory.CreateDirectory(Path.Combine(data.Path, "admin"));
        await File.WriteAllTextAsync(Path.Combine(data.Path, "admin", "https.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        await File.WriteAllTextAsync(Path.Combine(data.Path, "admin", "https.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        var e = await Assert.ThrowsAsync<IOException>(() => AdminTestSite.StartAsync(c => new AdminContext { Status = c.Status, DataFolder = data.Path }));
        Assert.Contains(Path.Combine(data.Path, "admin", "https.crt"), e.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string cert, string key)
    {
        var token = await AdminTestSite.AntiforgeryTokenAsync(client, "/security");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(cert)), "certificate", "fax.crt" },
            { new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(key)), "key", "fax.key" },
        };
        return await client.PostAsync(new Uri("/security?handler=Certificate", UriKind.Relative), form);
    }

    private static Task<AdminTestSite> StartAsync() =>
        AdminTestSite.StartAsync(options: o => o.Urls = ["http://127.0.0.1:0", "https://127.0.0.1:0"]);

    private static Uri Https(AdminTestSite site) => site.Site.Addresses.Single(a => a.Scheme == Uri.UriSchemeHttps);

    /// <summary>The SHA-256 fingerprint of <c>&lt;data&gt;/admin/https.crt</c>, as an administrator would pin it.</summary>
    private static string CertificateOnDisk(AdminTestSite site)
    {
        using var cert = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(site.DataFolder, "admin", "https.crt"));
        return HttpsCertificateStore.FingerprintOf(cert);
    }

    /// <summary>A client that trusts exactly the certificate with <paramref name="fingerprint"/>, nothing else.</summary>
    private static HttpClient Pinned(Uri baseAddress, string fingerprint, Action<X509Certificate2>? seen = null)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                seen?.Invoke(X509CertificateLoader.LoadCertificate(certificate.RawData));
                return HttpsCertificateStore.FingerprintOf(certificate) == fingerprint;
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }
}
