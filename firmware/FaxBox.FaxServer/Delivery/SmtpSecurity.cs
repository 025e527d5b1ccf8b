namespace FaxBox.FaxServer.Delivery;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (RFC 5321), for a relay on the local network only.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS (RFC 3207), usually port 587; refused if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, RFC 8314 §3), usually port 465.</summary>
    Tls,
}
