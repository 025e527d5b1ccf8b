using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace FaxBox.Admin.Security;

/// <summary>The administrator's login session: an encrypted cookie (data protection) carrying the password stamp.</summary>
internal static class AdminSession
{
    /// <summary>The cookie scheme.</summary>
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "faxbox.session";

    /// <summary>Claim with the password stamp the session was opened under (a password change ends older sessions).</summary>
    public const string StampClaim = "faxbox:stamp";

    /// <summary>Opens a session for the administrator (a new cookie: no session fixation).</summary>
    public static Task SignInAsync(HttpContext http, AdminCredentialStore store)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(store);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "admin"), new Claim(StampClaim, store.PasswordStamp ?? string.Empty)], Scheme);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
    }

    /// <summary>Ends the session.</summary>
    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);
}
