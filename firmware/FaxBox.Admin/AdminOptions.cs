namespace FaxBox.Admin;

/// <summary>The admin web site (JSON <c>admin</c>).</summary>
public sealed class AdminOptions
{
    /// <summary>Whether the box serves the admin site at all (JSON <c>admin.enabled</c>). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where the site listens (JSON <c>admin.urls</c>; <c>faxbox run --admin-urls</c> overrides it), e.g.
    /// <c>http://127.0.0.1:8080</c> or <c>https://0.0.0.0:8443</c>. Port 0 picks a free port (tests). Default
    /// <c>http://127.0.0.1:8080</c>: reachable from the box itself only until the administrator opens it up.
    /// </summary>
    public List<string> Urls { get; set; } = ["http://127.0.0.1:8080"];

    /// <summary>Largest fax upload the send form and <c>POST /api/v1/jobs</c> accept, in bytes. Default 50 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// Whether plain-HTTP requests are redirected (308) to the site's HTTPS address when <see cref="Urls"/> has both
    /// (JSON <c>admin.httpsRedirect</c>). Default true. HTTPS uses the certificate in <c>&lt;data&gt;/admin/https.crt</c>
    /// (self-signed, generated on first start; the administrator may upload another on the security page).
    /// </summary>
    public bool HttpsRedirect { get; set; } = true;

    /// <summary>
    /// How long a login session lasts without a request (JSON <c>admin.sessionIdleTimeout</c>); each request slides
    /// it. Default 30 minutes.
    /// </summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Failed logins (or set-up codes) from one client before it is locked out (JSON
    /// <c>admin.loginFailuresBeforeLockout</c>). Default 5.
    /// </summary>
    public int LoginFailuresBeforeLockout { get; set; } = 5;

    /// <summary>How long a locked-out client waits, and the window its failures are counted in (JSON <c>admin.lockoutDuration</c>). Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Refuses an upload limit (<paramref name="key"/>, e.g. <c>api.maxUploadBytes</c>) outside 1 KiB to 4 GiB.</summary>
    /// <exception cref="ArgumentException">Out of range; the message names the key.</exception>
    public static void CheckUploadLimit(string key, long bytes)
    {
        if (bytes is < 1024 or > 4L * 1024 * 1024 * 1024)
        {
            throw new ArgumentException($"{key}: {bytes}; 1024 (1 KiB) to 4294967296 (4 GiB)");
        }
    }

    /// <summary>Checks the values; the message names the JSON key.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Urls.Count == 0 || Urls.Any(u => u is null || !AdminListener.TryParse(u, out _)))
        {
            throw new ArgumentException("admin.urls: one or more http:// or https:// addresses are needed");
        }

        CheckUploadLimit("admin.maxUploadBytes", MaxUploadBytes);

        if (LoginFailuresBeforeLockout is < 1 or > 1000)
        {
            throw new ArgumentException($"admin.loginFailuresBeforeLockout: {LoginFailuresBeforeLockout}; 1 to 1000");
        }

        if (LockoutDuration <= TimeSpan.Zero || LockoutDuration > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"admin.lockoutDuration: {LockoutDuration}; more than 0, at most a day");
        }

        if (SessionIdleTimeout < TimeSpan.FromMinutes(1) || SessionIdleTimeout > TimeSpan.FromDays(7))
        {
            throw new ArgumentException($"admin.sessionIdleTimeout: {SessionIdleTimeout}; 1 minute to 7 days");
        }
    }

    /// <summary>
    /// Argon2id cost of new password hashes; null: <see cref="Security.Argon2idParameters.Default"/>. Not configurable
    /// from JSON: tests lower it to <see cref="Security.Argon2idParameters.Minimum"/> to stay fast on a loaded machine.
    /// </summary>
    internal Security.Argon2idParameters? PasswordHashCost { get; set; }
}
