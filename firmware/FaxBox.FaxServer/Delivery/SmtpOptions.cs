namespace FaxBox.FaxServer.Delivery;

/// <summary>The SMTP server received faxes are e-mailed through (JSON <c>faxServer.smtp</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>The server's host name or address. Default null: no e-mail (routes with recipients are refused at start).</summary>
    public string? Host { get; set; }

    /// <summary>The server's port. Default 587 (submission, RFC 6409).</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured. Default <see cref="SmtpSecurity.StartTls"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>The user name for SMTP AUTH (RFC 4954). Default null: no authentication.</summary>
    public string? Username { get; set; }

    /// <summary>The password for SMTP AUTH. Default null.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address (From and MAIL FROM). Default "faxbox@localhost".</summary>
    public string From { get; set; } = "faxbox@localhost";

    /// <summary>
    /// A PEM file with a certificate (a private CA or the server's self-signed one) trusted in addition to the system's
    /// roots. Default null: the system's roots only. A certificate that does not validate is always refused.
    /// </summary>
    public string? TrustedCertificateFile { get; set; }

    /// <summary>Connect, send and quit must finish within this time. Default 60 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
