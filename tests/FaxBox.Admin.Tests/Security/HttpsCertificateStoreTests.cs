using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FaxBox.Admin.Security;

namespace FaxBox.Admin.Tests.Security;

/// <summary>The generated certificate and the validation of uploaded ones: a clear error for every wrong file.</summary>
public sealed class HttpsCertificateStoreTests : IDisposable
{
    private readonly TempFolder _folder = TestPaths.NewTempFolder();

    [Fact]
    public void First_start_generates_an_ecdsa_p256_server_certificate_for_the_boxs_names_and_keeps_it()
    {
        var store = new HttpsCertificateStore(_folder.Path, "Front Desk Fax", TimeProvider.System);
        Assert.True(store.Generated);
        var cert = store.Current;
        Assert.True(cert.HasPrivateKey);
        using var key = cert.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal(256, key.KeySize);
        var names = store.SubjectAlternativeNames();
        Assert.Contains("front-desk-fax", names);
        Assert.Contains("localhost", names);
        Assert.Contains("127.0.0.1", names);
        Assert.Contains("::1", names);
        Assert.Contains(System.Net.Dns.GetHostName().ToLowerInvariant(), names);
        Assert.Contains(cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.True(cert.NotAfter > DateTime.UtcNow.AddYears(4));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(store.KeyPath));

        var again = new HttpsCertificateStore(_folder.Path, "Front Desk Fax", TimeProvider.System);
        Assert.False(again.Generated);
        Assert.Equal(store.Fingerprint, again.Fingerprint);
    }

    [Fact]
    public void A_pem_certificate_with_its_key_is_installed_and_used_from_the_next_handshake()
    {
        var store = new HttpsCertificateStore(_folder.Path, "box", TimeProvider.System);
        var (certPem, keyPem, fingerprint) = Rsa2048("fax.example.com", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        store.UploadPem(Encoding.ASCII.GetBytes(certPem), Encoding.ASCII.GetBytes(keyPem));
        Assert.Equal(fingerprint, store.Fingerprint);
        Assert.Contains("fax.example.com", store.SubjectAlternativeNames());
        Assert.Equal(fingerprint, new HttpsCertificateStore(_folder.Path, "box", TimeProvider.System).Fingerprint);
    }

    [Fact]
    public void A_pfx_with_its_password_is_installed()
    {
        var store = new HttpsCertificateStore(_folder.Path, "box", TimeProvider.System);
        var (certPem, keyPem, fingerprint) = Rsa2048("pfx.example.com", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var cert = X509Certificate2.CreateFromPem(certPem, keyPem);
        store.UploadPfx(cert.Export(X509ContentType.Pkcs12, "pfx secret"), "pfx secret");
        Assert.Equal(fingerprint, store.Fingerprint);
    }

    [Fact]
    public void Wrong_files_are_refused_with_what_is_wrong_and_the_certificate_stays()
    {
        var store = new HttpsCertificateStore(_folder.Path, "box", TimeProvider.System);
        var before = store.Fingerprint;
        var (certPem, keyPem, _) = Rsa2048("a.example.com", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var (_, otherKey, _) = Rsa2048("b.example.com", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var (expired, expiredKey, _) = Rsa2048("old.example.com", DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddYears(-1));
        using var withKey = X509Certificate2.CreateFromPem(certPem, keyPem);
        var pfx = withKey.Export(X509ContentType.Pkcs12, "right");
        using var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
        var noKeyPfx = publicOnly.Export(X509ContentType.Pkcs12, "p");

        AssertRefused(() => store.UploadPem(Encoding.ASCII.GetBytes(certPem), Encoding.ASCII.GetBytes(otherKey)), "the private key does not belong to the certificate");
        AssertRefused(() => store.UploadPem(Encoding.ASCII.GetBytes(keyPem), Encoding.ASCII.GetBytes(keyPem)), "certificate file: no PEM certificate");
        AssertRefused(() => store.UploadPem(Encoding.ASCII.GetBytes(certPem), Encoding.ASCII.GetBytes(certPem)), "key file: no PEM private key");
        AssertRefused(() => store.UploadPem(pfx, Encoding.ASCII.GetBytes(keyPem)), "certificate file: not a PEM text file");
        AssertRefused(() => store.UploadPem(Encoding.ASCII.GetBytes(expired), Encoding.ASCII.GetBytes(expiredKey)), "certificate: expired on");
        AssertRefused(() => store.UploadPfx(pfx, "wrong"), "PFX file: not a PKCS#12 file, or the password is wrong");
        AssertRefused(() => store.UploadPfx(Encoding.ASCII.GetBytes(certPem), "right"), "PFX file: not a PKCS#12 file");
        AssertRefused(() => store.UploadPfx(noKeyPfx, "p"), "PFX file: holds a certificate but no private key");
        AssertRefused(() => store.UploadPem([], Encoding.ASCII.GetBytes(keyPem)), "certificate file: 0 bytes");
        Assert.Equal(before, store.Fingerprint);
        Assert.Equal(before, new HttpsCertificateStore(_folder.Path, "box", TimeProvider.System).Fingerprint);
    }

    [Fact]
    public void A_client_only_certificate_is_refused()
    {
        var store = new HttpsCertificateStore(_folder.Path, "box", TimeProvider.System);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        AssertRefused(() => store.UploadPem(Encoding.ASCII.GetBytes(cert.ExportCertificatePem()), Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem())), "does not allow TLS servers");
    }

    [Fact]
    public void Damaged_stored_files_are_an_error_that_names_them()
    {
        _ = new HttpsCertificateStore(_folder.Path, "box", TimeProvider.System);
        File.WriteAllText(Path.Combine(_folder.Path, "https.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        var e = Assert.Throws<IOException>(() => new HttpsCertificateStore(_folder.Path, "box", TimeProvider.System));
        Assert.Contains("https.crt", e.Message, StringComparison.Ordinal);
        Assert.Contains("delete both", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>An RSA 2048 server certificate for <paramref name="name"/> (as a CA would issue), PEM.</summary>
    internal static (string Cert, string Key, string Fingerprint) Rsa2048(string name, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var cert = request.CreateSelfSigned(from, to);
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), HttpsCertificateStore.FingerprintOf(cert));
    }

    private static void AssertRefused(Action upload, string says)
    {
        var e = Assert.Throws<CertificateUploadException>(upload);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    private static UnixFileMode Mode(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("the box runs on Linux") : File.GetUnixFileMode(path);
}
