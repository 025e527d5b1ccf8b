namespace FaxBox.Sip.Auth;

/// <summary>Digest algorithms (RFC 7616 §3.2, RFC 8760 for SIP); "-sess" variants hash the nonce and cnonce into A1.</summary>
public enum DigestAlgorithm
{
    /// <summary>"MD5" (RFC 2617 §3.2.1; the default when the challenge names none).</summary>
    Md5,

    /// <summary>"MD5-sess".</summary>
    Md5Sess,

    /// <summary>"SHA-256" (RFC 7616 §3.2, RFC 8760).</summary>
    Sha256,

    /// <summary>"SHA-256-sess".</summary>
    Sha256Sess,
}
