using FaxBox.Admin.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Pages.Security;

/// <summary>
/// The security settings: change the administrator password (other sessions end), API tokens (create: the secret is
/// shown once; revoke), and the HTTPS certificate (see it, replace it with PEM certificate + key or a PFX).
/// </summary>
internal sealed class IndexModel : PageModel
{
    /// <summary>A token just created: its secret, shown this once.</summary>
    public string? NewTokenSecret { get; private set; }

    /// <summary>What was done, for the user.</summary>
    public string? Message { get; private set; }

    /// <summary>What went wrong, for the user.</summary>
    public string? Error { get; private set; }

    /// <summary>The form that failed, so the page can point at it.</summary>
    public string? ErrorSection { get; private set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public HttpsCertificateStore Certificates => HttpContext.RequestServices.GetRequiredService<HttpsCertificateStore>();

    /// <summary>The https:// addresses of the site (empty: HTTPS is off).</summary>
    public IReadOnlyList<string> HttpsUrls => [.. HttpContext.RequestServices.GetRequiredService<AdminOptions>().Urls.Where(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))];

    private AdminCredentialStore Store => HttpContext.RequestServices.GetRequiredService<AdminCredentialStore>();

    private ILogger Logger => HttpContext.RequestServices.GetRequiredService<ILogger<IndexModel>>();

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostPasswordAsync(string? current, string? password, string? confirm)
    {
        var store = Store;
        bool ok;
        try
        {
            ok = store.VerifyPassword(current ?? string.Empty);
        }
        catch (InvalidDataException e)
        {
            return Refuse("password", StatusCodes.Status500InternalServerError, e.Message);
        }

        if (!ok)
        {
            var client = SecurityArea.Client(HttpContext);
            if (HttpContext.RequestServices.GetRequiredService<LoginThrottle>().Failed(client) is not null)
            {
                // Guessing through this form locks the session out as the login form would.
                await AdminSession.SignOutAsync(HttpContext).ConfigureAwait(false);
                return Redirect("/login");
            }

            return Refuse("password", StatusCodes.Status400BadRequest, "The current password is wrong.");
        }

        if (!string.Equals(password, confirm, StringComparison.Ordinal))
        {
            return Refuse("password", StatusCodes.Status400BadRequest, "The two new passwords differ.");
        }

        if (PasswordPolicy.Check(password) is { } problem)
        {
            return Refuse("password", StatusCodes.Status400BadRequest, $"Not accepted: {problem}.");
        }

        store.SetPassword(password!);
        SecurityLog.PasswordSet(Logger, SecurityArea.Client(HttpContext));
        await AdminSession.SignInAsync(HttpContext, store).ConfigureAwait(false);
        Message = "Password changed. Every other session has ended.";
        Load();
        return Page();
    }

    public IActionResult OnPostCreateToken(string? name)
    {
        try
        {
            var (token, secret) = Store.CreateToken(name ?? string.Empty);
            SecurityLog.TokenCreated(Logger, token.Name, token.Id);
            NewTokenSecret = secret;
            Message = $"Token '{token.Name}' created. Copy it now: it is shown only this once.";
        }
        catch (ArgumentException e)
        {
            return Refuse("tokens", StatusCodes.Status400BadRequest, $"Not created: {e.Message.Split(" (Parameter", 2)[0]}.");
        }
        catch (InvalidDataException e)
        {
            return Refuse("tokens", StatusCodes.Status500InternalServerError, e.Message);
        }

        Response.Headers.CacheControl = "no-store";
        Load();
        return Page();
    }

    public IActionResult OnPostRevokeToken(string? id)
    {
        try
        {
            if (id is null || !Store.RevokeToken(id))
            {
                return Refuse("tokens", StatusCodes.Status404NotFound, "No such token (revoked already?).");
            }
        }
        catch (InvalidDataException e)
        {
            return Refuse("tokens", StatusCodes.Status500InternalServerError, e.Message);
        }

        SecurityLog.TokenRevoked(Logger, id);
        Message = $"Token {id} revoked: it no longer works.";
        Load();
        return Page();
    }

    public async Task<IActionResult> OnPostCertificateAsync(IFormFile? certificate, IFormFile? key, IFormFile? pfx, string? pfxPassword)
    {
        try
        {
            if (pfx is { Length: > 0 })
            {
                var bytes = await ReadAsync(pfx, "PFX file").ConfigureAwait(false);
                Certificates.UploadPfx(bytes, pfxPassword);
            }
            else if (certificate is { Length: > 0 } && key is { Length: > 0 })
            {
                var certificatePem = await ReadAsync(certificate, "certificate file").ConfigureAwait(false);
                var keyPem = await ReadAsync(key, "key file").ConfigureAwait(false);
                Certificates.UploadPem(certificatePem, keyPem);
            }
            else
            {
                throw new CertificateUploadException("choose a PEM certificate and its key, or a PFX file");
            }
        }
        catch (CertificateUploadException e)
        {
            return Refuse("certificate", StatusCodes.Status400BadRequest, $"Not installed: {e.Message}.");
        }

        SecurityLog.CertificateUploaded(Logger, Certificates.Fingerprint);
        Message = "Certificate installed: new HTTPS connections use it now.";
        Load();
        return Page();
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, string what)
    {
        if (file.Length > HttpsCertificateStore.MaxFileBytes)
        {
            throw new CertificateUploadException($"{what}: {file.Length} bytes; at most {HttpsCertificateStore.MaxFileBytes}");
        }

        using var copy = new MemoryStream();
        await file.CopyToAsync(copy).ConfigureAwait(false);
        return copy.ToArray();
    }

    private PageResult Refuse(string section, int status, string error)
    {
        Error = error;
        ErrorSection = section;
        Response.StatusCode = status;
        Load();
        return Page();
    }

    private void Load()
    {
        try
        {
            Tokens = Store.ListTokens();
        }
        catch (InvalidDataException e)
        {
            Error ??= e.Message;
        }
    }
}
