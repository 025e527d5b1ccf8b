namespace FaxBox.FaxServer.Delivery;

/// <summary>The SMTP server received faxes are e-mailed through (JSON <c>faxServer.smtp</c>).</summary>
public sealed class SmtpOptions
{
    private const string DefaultFrom = "faxbox@localhost";

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
    public string From { get; set; } = DefaultFrom;

    /// <summary>
    /// A PEM file with a certificate (a private CA or the server's self-signed one) trusted in addition to the system's
    /// roots. Default null: the system's roots only. A certificate that does not validate is always refused.
    /// </summary>
    public string? TrustedCertificateFile { get; set; }

    /// <summary>Connect, send and quit must finish within this time. Default 60 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first bad setting: a port out of range, a user name without a
    /// password or a password without a user name (either would make every delivery fail at AUTH, found only when the
    /// first fax arrives), a sender that is not an address, a timeout that is not positive.
    /// </summary>
    public void Validate()
    {
        if (Port is < 1 or > 65535)
        {
            throw new ArgumentException($"faxServer.smtp.port: {Port} is not a TCP port (1 to 65535)");
        }

        if (!string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(Username))
        {
            throw new ArgumentException("faxServer.smtp.password: set without faxServer.smtp.username; SMTP AUTH needs both");
        }

        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
        {
            throw new ArgumentException("faxServer.smtp.username: set without faxServer.smtp.password; SMTP AUTH needs both");
        }

        if (From != DefaultFrom && !IsMailbox(From))
        {
            throw new ArgumentException($"faxServer.smtp.from: '{From}' is not an e-mail address like faxbox@example.com");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"faxServer.smtp.timeout: {Timeout} must be positive");
        }
    }

    /// <summary>
    /// MimeKit's reading of <paramref name="address"/> (RFC 5322 mailbox). A method of its own, so that MimeKit is loaded
    /// only for a sender other than the built-in one: an idle box without e-mail does not map it (issue 7).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool IsMailbox(string address) =>
        MimeKit.MailboxAddress.TryParse(address, out var from) && !string.IsNullOrEmpty(from.Address) && from.Address.Contains('@', StringComparison.Ordinal);
}
