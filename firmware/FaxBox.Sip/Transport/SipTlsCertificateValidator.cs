using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FaxBox.Sip.Transport;

/// <summary>Applies <see cref="SipTlsOptions.Verification"/> and <see cref="SipTlsOptions.TrustedRoots"/> to a peer certificate.</summary>
internal static class SipTlsCertificateValidator
{
    public static bool Validate(SipTlsOptions options, X509Certificate? certificate, SslPolicyErrors errors, bool peerIsClient)
    {
        if (options.Verification == SipTlsVerification.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return peerIsClient && !options.RequireClientCertificate;
        }

        if (options.Verification == SipTlsVerification.ChainOnly || peerIsClient)
        {
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) && options.TrustedRoots.Count > 0 && BuildsToTrustedRoot(options, certificate))
        {
            errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
        }

        return errors == SslPolicyErrors.None;
    }

    private static bool BuildsToTrustedRoot(SipTlsOptions options, X509Certificate certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(options.TrustedRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (certificate is X509Certificate2 leaf)
        {
            return chain.Build(leaf);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(copy);
    }
}
