using FaxBox.Admin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Pages;

/// <summary>
/// The login form. Failed attempts are counted per client (<see cref="LoginThrottle"/>); a locked-out client gets 429
/// and its password is not even checked until the lock-out ends.
/// </summary>
[AllowAnonymous]
internal sealed class LoginModel : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after login (a local path only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>What went wrong, for the user.</summary>
    public string? Error { get; private set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(Target()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var services = HttpContext.RequestServices;
        var store = services.GetRequiredService<AdminCredentialStore>();
        var throttle = services.GetRequiredService<LoginThrottle>();
        var logger = services.GetRequiredService<ILogger<LoginModel>>();
        var client = SecurityArea.Client(HttpContext);
        if (throttle.LockedUntil(client) is { } until)
        {
            return Refuse(StatusCodes.Status429TooManyRequests, LockedOut(client, until));
        }

        bool ok;
        try
        {
            ok = store.VerifyPassword(Password ?? string.Empty);
        }
        catch (InvalidDataException e)
        {
            SecurityLog.StoreDamaged(logger, e.Message);
            return Refuse(StatusCodes.Status500InternalServerError, e.Message);
        }

        if (!ok)
        {
            SecurityLog.LoginFailed(logger, client);
            if (throttle.Failed(client) is { } locked)
            {
                SecurityLog.LockedOut(logger, client, locked);
                return Refuse(StatusCodes.Status429TooManyRequests, "Wrong password. " + LockedOut(client, locked));
            }

            return Refuse(StatusCodes.Status401Unauthorized, "Wrong password.");
        }

        throttle.Succeeded(client);
        SecurityLog.LoggedIn(logger, client);
        await AdminSession.SignInAsync(HttpContext, store).ConfigureAwait(false);
        return LocalRedirect(Target());
    }

    private string Target() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";

    private static string LockedOut(string client, DateTimeOffset until) =>
        $"Too many failed logins from {client}: locked out until {until:HH:mm} UTC.";

    private PageResult Refuse(int status, string error)
    {
        Error = error;
        Password = null;
        Response.StatusCode = status;
        return Page();
    }
}
