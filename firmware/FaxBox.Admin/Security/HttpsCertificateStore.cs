using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FaxBox.Admin.Security;

/// <summary>
/// The site's HTTPS certificate, <c>&lt;data&gt;/admin/https.crt</c> and <c>https.key</c> (PEM, 0600). On first start a
/// self-signed ECDSA P-256 certificate is generated (RFC 5280: SAN = the box's name, its host name, localhost,
/// 127.0.0.1, ::1 and the box's unicast addresses; extended key usage serverAuth; valid 5 years). The administrator
/// may replace it with a PEM certificate and key or a PKCS#12 (PFX) file; an upload is validated before anything is
/// written and takes effect for the next TLS handshake (Kestrel asks <see cref="Current"/> each time).
/// </summary>
internal sealed class HttpsCertificateStore
{
    /// <summary>Largest certificate or key file accepted, in bytes.</summary>
    public const int MaxFileBytes = 64 * 1024;

    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private readonly TimeProvider _time;
    private X509Certificate2 _current;

    /// <summary>Loads the certificate in <paramref name="folder"/>, generating one for <paramref name="boxName"/> if there is none.</summary>
    /// <exception cref="IOException">The stored files are damaged or cannot be written (the message names them).</exception>
    public HttpsCertificateStore(string folder, string boxName, TimeProvider time)
    {
        Folder = folder;
        _time = time;
        if (File.Exists(CertificatePath) && File.Exists(KeyPath))
        {
            try
            {
                _current = Reload(X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath));
            }
            catch (CryptographicException e)
            {
                throw new IOException($"{CertificatePath} / {KeyPath}: unreadable ({e.Message}); delete both to have a new self-signed certificate made", e);
            }
        }
        else
        {
            _current = Generate(boxName, time.GetUtcNow());
            Save(_current);
            Generated = true;
        }
    }

    /// <summary>Where the files are (<c>&lt;data&gt;/admin</c>).</summary>
    public string Folder { get; }

    /// <summary>The certificate file (PEM).</summary>
    public string CertificatePath => Path.Combine(Folder, "https.crt");

    /// <summary>The private key file (PEM, PKCS#8).</summary>
    public string KeyPath => Path.Combine(Folder, "https.key");

    /// <summary>Whether this start generated the certificate.</summary>
    public bool Generated { get; }

    /// <summary>The certificate HTTPS presents now.</summary>
    public X509Certificate2 Current => Volatile.Read(ref _current);

    /// <summary>SHA-256 fingerprint of <see cref="Current"/> as colon-separated hex (what a browser shows, what a client pins).</summary>
    public string Fingerprint => FingerprintOf(Current);

    /// <summary>SHA-256 fingerprint as colon-separated upper-case hex.</summary>
    public static string FingerprintOf(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The DNS names and addresses <see cref="Current"/> is valid for.</summary>
    public IReadOnlyList<string> SubjectAlternativeNames()
    {
        var names = new List<string>();
        foreach (var extension in Current.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(extension.EnumerateDnsNames());
            names.AddRange(extension.EnumerateIPAddresses().Select(a => a.ToString()));
        }

        return names;
    }

    /// <summary>Replaces the certificate with a PEM certificate (chain allowed, leaf first) and its PEM private key.</summary>
    /// <exception cref="CertificateUploadException">Either file is wrong, or they do not belong together.</exception>
    public void UploadPem(ReadOnlySpan<byte> certificatePem, ReadOnlySpan<byte> keyPem)
    {
        var certText = Text(certificatePem, "certificate file");
        var keyText = Text(keyPem, "key file");
        if (!certText.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new CertificateUploadException("certificate file: no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }

        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new CertificateUploadException("key file: no PEM private key in it (expected -----BEGIN PRIVATE KEY----- or an RSA/EC private key)");
        }

        if (keyText.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new CertificateUploadException("key file: the private key is encrypted; upload it decrypted, or as a PFX file with its password");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certText, keyText);
        }
        catch (CryptographicException e)
        {
            throw new CertificateUploadException($"certificate and key: {Describe(e)}", e);
        }
        catch (ArgumentException e)
        {
            throw new CertificateUploadException($"key file: {e.Message}", e);
        }

        Install(certificate);
    }

    /// <summary>Replaces the certificate with a PKCS#12 (PFX) file holding a certificate and its private key.</summary>
    /// <exception cref="CertificateUploadException">The file is not PKCS#12, the password is wrong or there is no key.</exception>
    public void UploadPfx(ReadOnlySpan<byte> pfx, string? password)
    {
        if (pfx.Length is 0 or > MaxFileBytes)
        {
            throw new CertificateUploadException($"PFX file: {pfx.Length} bytes; expected 1 to {MaxFileBytes}");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(pfx, password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new CertificateUploadException($"PFX file: not a PKCS#12 file, or the password is wrong ({e.Message})", e);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new CertificateUploadException("PFX file: holds a certificate but no private key");
        }

        Install(certificate);
    }

    private void Install(X509Certificate2 certificate)
    {
        var now = _time.GetUtcNow();
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime)
        {
            throw new CertificateUploadException($"certificate: expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
        }

        if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            throw new CertificateUploadException($"certificate: not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd}");
        }

        if (certificate.GetECDsaPublicKey() is null && certificate.GetRSAPublicKey() is null)
        {
            throw new CertificateUploadException("certificate: the key is neither ECDSA nor RSA");
        }

        var usage = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ServerAuthOid))
        {
            throw new CertificateUploadException("certificate: its extended key usage does not allow TLS servers (serverAuth)");
        }

        Save(certificate);
        Volatile.Write(ref _current, Reload(certificate));
    }

    private void Save(X509Certificate2 certificate)
    {
        var key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new CertificateUploadException("certificate: no usable private key");
        using (key)
        {
            // Key first: a crash between the two leaves a key with the old certificate, which the next start reports.
            SecureFile.WriteAtomic(KeyPath, Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        }

        SecureFile.WriteAtomic(CertificatePath, Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n"));
    }

    /// <summary>A certificate with a key Kestrel can use on every platform (a PKCS#12 round trip, as Kestrel does for PEM).</summary>
    private static X509Certificate2 Reload(X509Certificate2 certificate)
    {
        var pfx = certificate.Export(X509ContentType.Pkcs12);
        return X509CertificateLoader.LoadPkcs12(pfx, null);
    }

    private static X509Certificate2 Generate(string boxName, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedName($"CN={DnsLabel(boxName) ?? "faxbox"}, O=FaxBox (self-signed)");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in new[] { DnsLabel(boxName), DnsLabel(Dns.GetHostName()), "localhost" }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            san.AddDnsName(name);
        }

        foreach (var address in Addresses())
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }

    /// <summary>Loopback plus the box's unicast addresses on interfaces that are up (link-local IPv6 left out: no scope in a SAN).</summary>
    private static IEnumerable<IPAddress> Addresses()
    {
        var addresses = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up))
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var a = unicast.Address;
                    if ((a.AddressFamily == AddressFamily.InterNetwork || (a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal))
                        && !addresses.Contains(a))
                    {
                        addresses.Add(a);
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // No interface list (a container): loopback only.
        }

        return addresses;
    }

    /// <summary>The name as a DNS name (letters, digits, hyphens, dots), or null if it cannot be one.</summary>
    private static string? DnsLabel(string? name)
    {
        var cleaned = new string([.. (name ?? string.Empty).Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')]).Trim('-', '.');
        return cleaned.Length is > 0 and <= 253 ? cleaned : null;
    }

    private static string Text(ReadOnlySpan<byte> bytes, string what)
    {
        if (bytes.Length is 0 or > MaxFileBytes)
        {
            throw new CertificateUploadException($"{what}: {bytes.Length} bytes; expected 1 to {MaxFileBytes}");
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new CertificateUploadException($"{what}: not a PEM text file (a binary DER or PFX file? upload a PFX in the PFX field)", e);
        }
    }

    private static string Describe(CryptographicException e) =>
        e.Message.Contains("does not match", StringComparison.OrdinalIgnoreCase)
            ? "the private key does not belong to the certificate"
            : e.Message;
}
