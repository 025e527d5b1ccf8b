using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Security;

/// <summary>
/// The security objects the admin site makes at the box's start (<see cref="SecurityArea.Open"/>), before its pages and
/// API exist: they outlive the lazily built pipeline and are registered into it as they are.
/// </summary>
internal sealed class SecurityState(AdminContext context, AdminCredentialStore store, string keysFolder, SetupCode setupCode)
{
    private readonly Lock _lock = new();
    private HttpsCertificateStore? _certificates;

    /// <summary>What the site was started with.</summary>
    public AdminContext Context { get; } = context;

    /// <summary>The password and token store.</summary>
    public AdminCredentialStore Store { get; } = store;

    /// <summary>The data-protection key folder (<c>&lt;data&gt;/admin/keys</c>).</summary>
    public string KeysFolder { get; } = keysFolder;

    /// <summary>The first-run set-up code (none once a password exists).</summary>
    public SetupCode SetupCode { get; } = setupCode;

    /// <summary>
    /// The HTTPS certificate store, opened on first use (a self-signed certificate generated, and its fingerprint logged,
    /// if there is none): at start with an https:// address, else when the pages are built.
    /// </summary>
    /// <exception cref="IOException">The secrets folder cannot be written (the message names it).</exception>
    public HttpsCertificateStore Certificates(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        lock (_lock)
        {
            if (_certificates is null)
            {
                try
                {
                    _certificates = new HttpsCertificateStore(Store.Folder, Context.Status.Current.BoxName, Context.Time);
                }
                catch (UnauthorizedAccessException e)
                {
                    throw new IOException($"{Store.Folder}: {e.Message} (the admin site keeps its keys, certificate and password there)", e);
                }

                if (_certificates.Generated)
                {
                    SecurityLog.CertificateGenerated(logger, _certificates.Fingerprint);
                }
            }

            return _certificates;
        }
    }
}
