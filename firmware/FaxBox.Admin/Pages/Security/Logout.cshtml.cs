using FaxBox.Admin.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaxBox.Admin.Pages.Security;

/// <summary>Logout: a POST with the antiforgery token (a GET only shows the button, so no link elsewhere can log anyone out).</summary>
internal sealed class LogoutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await AdminSession.SignOutAsync(HttpContext).ConfigureAwait(false);
        return Redirect("/login");
    }
}
