using FaxBox.Admin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Pages;

/// <summary>
/// First run: the administrator chooses the password. Open from the box itself (loopback); from elsewhere only with
/// the one-time code the box printed at start, and only while no password exists. Wrong codes count towards the
/// client's lock-out like wrong passwords.
/// </summary>
[AllowAnonymous]
internal sealed class SetupModel : PageModel
{
    /// <summary>The one-time code (needed from any address but loopback).</summary>
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    /// <summary>What went wrong, for the user.</summary>
    public string? Error { get; private set; }

    /// <summary>Whether the browser runs on the box itself (no code needed).</summary>
    public bool FromLoopback => HttpContext.RequestServices.GetRequiredService<LoopbackTrust>().IsLocal(HttpContext);

    private AdminCredentialStore Store => HttpContext.RequestServices.GetRequiredService<AdminCredentialStore>();

    public IActionResult OnGet(string? code)
    {
        if (Store.IsPasswordSet)
        {
            return Redirect("/login");
        }

        Code = code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var store = Store;
        if (store.IsPasswordSet)
        {
            return Redirect("/login");
        }

        var services = HttpContext.RequestServices;
        var throttle = services.GetRequiredService<LoginThrottle>();
        var setupCode = services.GetRequiredService<SetupCode>();
        var logger = services.GetRequiredService<ILogger<SetupModel>>();
        var client = SecurityArea.Client(HttpContext);
        if (!FromLoopback)
        {
            if (throttle.LockedUntil(client) is { } until)
            {
                return Refuse(StatusCodes.Status429TooManyRequests, $"Too many failed attempts from {client}: try again after {until:HH:mm} UTC.");
            }

            if (!setupCode.Matches(Code))
            {
                if (throttle.Failed(client) is { } locked)
                {
                    SecurityLog.LockedOut(logger, client, locked);
                }

                return Refuse(StatusCodes.Status403Forbidden, "The one-time code is wrong: it is printed in the box's log and console at start (journalctl -u faxbox).");
            }
        }

        if (!string.Equals(Password, Confirm, StringComparison.Ordinal))
        {
            return Refuse(StatusCodes.Status400BadRequest, "The two passwords differ.");
        }

        if (PasswordPolicy.Check(Password) is { } problem)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"Not accepted: {problem}.");
        }

        if (!store.TrySetInitialPassword(Password!))
        {
            return Redirect("/login");
        }

        setupCode.Consume();
        throttle.Succeeded(client);
        SecurityLog.PasswordSet(logger, client);
        await AdminSession.SignInAsync(HttpContext, store).ConfigureAwait(false);
        return Redirect("/");
    }

    private PageResult Refuse(int status, string error)
    {
        Error = error;
        Password = Confirm = null;
        Response.StatusCode = status;
        return Page();
    }
}
