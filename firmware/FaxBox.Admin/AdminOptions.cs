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
}
