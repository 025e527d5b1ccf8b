using FaxBox.Admin.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Security;

/// <summary>
/// First-run set-up, login, sessions, tokens, HTTPS and the rules every page and API call passes through:
/// <list type="bullet">
/// <item>every endpoint needs a login session (the fallback policy), except those marked anonymous: set-up, login, <c>/static</c>;</item>
/// <item><c>/api/v1</c> takes a session or an API token (<c>Authorization: Bearer</c>); with a session, a state-changing
/// call also needs the antiforgery token (header <c>RequestVerificationToken</c> or form field), scripts with a token do not;</item>
/// <item>until an administrator password exists every page leads to <c>/setup</c> and the API answers 503;</item>
/// <item>with both <c>http://</c> and <c>https://</c> in <see cref="AdminOptions.Urls"/>, HTTP redirects to HTTPS.</item>
/// </list>
/// </summary>
internal static class SecurityArea
{
    /// <summary>The authorization policy of <c>/api/v1</c>: a session or a token.</summary>
    public const string ApiPolicy = "api";

    /// <summary>Header carrying the antiforgery token on script calls made with a session.</summary>
    public const string AntiforgeryHeader = "RequestVerificationToken";

    /// <summary>
    /// Content-Security-Policy of every answer: nothing from elsewhere, no inline script, no framing (clickjacking).
    /// Inline style attributes are allowed (progress bars, thumbnails sized by the server).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// What the site needs from its first second, before its pages exist: the secrets folder, the password store, the
    /// one-time set-up code (logged now, so the administrator finds it in the start-up log) and, with an https:// address,
    /// the certificate (generated now and its fingerprint logged).
    /// </summary>
    /// <exception cref="IOException">The secrets folder cannot be made or the certificate read (the message names it).</exception>
    public static SecurityState Open(AdminContext context, AdminOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        var store = new AdminCredentialStore(context.DataFolder, context.Time, options.PasswordHashCost);
        var keys = Path.Combine(store.Folder, "keys");
        try
        {
            SecureFile.CreateFolder(store.Folder);
            SecureFile.CreateFolder(keys);
        }
        catch (UnauthorizedAccessException e)
        {
            // AdminSite.StartAsync's callers report IOExceptions as "faxbox: …" and exit.
            throw new IOException($"{store.Folder}: {e.Message} (the admin site keeps its keys, certificate and password there)", e);
        }

        var state = new SecurityState(context, store, keys, new SetupCode(needed: !store.IsPasswordSet));
        if (options.Urls.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            _ = state.Certificates(logger);
        }

        if (state.SetupCode.Current is { } code)
        {
            SecurityLog.SetupPending(logger, code);
        }

        return state;
    }

    public static void AddServices(WebApplicationBuilder builder, SecurityState state, AdminOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var context = state.Context;
        var services = builder.Services;
        var store = state.Store;
        var keys = state.KeysFolder;
        var certificates = state.Certificates(logger);
        services.AddSingleton(store);
        services.AddSingleton(certificates);
        services.AddSingleton(state.SetupCode);
        services.AddSingleton<LoopbackTrust>();
        services.AddSingleton(new LoginThrottle(context.Time, options.LoginFailuresBeforeLockout, options.LockoutDuration));

        // Keys that encrypt session and antiforgery cookies, kept so sessions survive a restart.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("FaxBox.Admin");

        services.AddAuthentication(AdminSession.Scheme)
            .AddCookie(AdminSession.Scheme, o =>
            {
                o.Cookie.Name = AdminSession.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = options.SessionIdleTimeout;
                o.SlidingExpiration = true;
                o.TimeProvider = context.Time;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/login";
                o.Events.OnRedirectToLogin = e => RedirectOrRefuse(e.HttpContext, e.RedirectUri, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = e => RedirectOrRefuse(e.HttpContext, e.RedirectUri, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = async e =>
                {
                    var stamp = e.Principal?.FindFirst(AdminSession.StampClaim)?.Value;
                    if (stamp is null || !string.Equals(stamp, store.PasswordStamp, StringComparison.Ordinal))
                    {
                        e.RejectPrincipal();
                        await AdminSession.SignOutAsync(e.HttpContext).ConfigureAwait(false);
                    }
                };
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, o => o.TimeProvider = context.Time);
        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new AuthorizationPolicyBuilder(AdminSession.Scheme).RequireAuthenticatedUser().Build();
            o.AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(AdminSession.Scheme, TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "faxbox.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = AntiforgeryHeader;
        });

        // HTTPS on any https:// URL: the stored certificate, asked for at each handshake so an upload applies at once.
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificateSelector = (_, _) => certificates.Current));
        OpenApiDescription.AddServices(services);
    }

    /// <summary>The middleware every request passes; <paramref name="httpsPort"/> is where plain HTTP redirects to (null: no https:// address).</summary>
    public static void UsePipeline(WebApplication app, int? httpsPort)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        var options = services.GetRequiredService<AdminOptions>();
        var store = services.GetRequiredService<AdminCredentialStore>();
        app.Use(SecurityHeaders);
        var hasHttps = options.Urls.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        var hasHttp = options.Urls.Any(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (options.HttpsRedirect && hasHttps && hasHttp)
        {
            app.Use((http, next) => RedirectToHttps(http, next, httpsPort));
        }

        app.UseRouting();
        app.UseAuthentication();
        app.Use((http, next) => SetupGate(http, next, store));
        app.UseAuthorization();
    }

    public static void ProtectApi(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.RequireAuthorization(ApiPolicy);
        api.AddEndpointFilter(RequireAntiforgeryWithSession);
        OpenApiDescription.Map(api);
    }

    /// <summary>The client's key for the login throttle and the log.</summary>
    public static string Client(HttpContext http) => LoginThrottle.ClientKey(http.Connection.RemoteIpAddress);

    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return next();
    }

    private static Task RedirectToHttps(HttpContext http, Func<Task> next, int? port)
    {
        if (http.Request.IsHttps)
        {
            return next();
        }

        if (port is null)
        {
            // Fail closed: no HTTPS address known, so nothing is served over plain HTTP either.
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        var target = new UriBuilder(Uri.UriSchemeHttps, http.Request.Host.Host, port.Value) { Path = http.Request.PathBase + http.Request.Path, Query = http.Request.QueryString.Value ?? string.Empty };
        http.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        http.Response.Headers.Location = target.Uri.AbsoluteUri;
        return Task.CompletedTask;
    }

    private static Task SetupGate(HttpContext http, Func<Task> next, AdminCredentialStore store)
    {
        if (store.IsPasswordSet)
        {
            return next();
        }

        var path = http.Request.Path;
        if (path.StartsWithSegments("/setup", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/static", StringComparison.OrdinalIgnoreCase))
        {
            return next();
        }

        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return http.Response.WriteAsJsonAsync(
                new ApiError("the box has no administrator password yet: open /setup on the admin site or run 'faxbox admin passwd'", "setup"), ApiJson.Options);
        }

        http.Response.Redirect("/setup");
        return Task.CompletedTask;
    }

    private static Task RedirectOrRefuse(HttpContext http, string redirectUri, int status)
    {
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // The token scheme's challenge writes the body and WWW-Authenticate.
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Cross-site request forgery on the API: a browser sends the session cookie by itself, so a state-changing call
    /// made with a session must also prove it comes from the site's own page (antiforgery token). SameSite=Strict is the
    /// first line; this is the second. A call with a bearer token carries no ambient credential and needs nothing more.
    /// </summary>
    private static async ValueTask<object?> RequireAntiforgeryWithSession(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
            && !http.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == TokenAuthenticationHandler.SchemeName))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http).ConfigureAwait(false);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Json(
                    new ApiError($"missing or invalid antiforgery token: a call made with a login session needs the '{AntiforgeryHeader}' header from the page", AntiforgeryHeader),
                    ApiJson.Options,
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return await next(invocation).ConfigureAwait(false);
    }
}
