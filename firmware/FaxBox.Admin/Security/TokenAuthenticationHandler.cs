using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaxBox.Admin.Security;

/// <summary>
/// <c>Authorization: Bearer fbx_…</c> (RFC 6750 §2.1) for scripts calling <c>/api/v1</c>: the token is looked up by its id
/// and compared by SHA-256 in constant time; a revoked token stops working at once. A refused request gets 401 with
/// <c>WWW-Authenticate: Bearer</c> and an <see cref="Api.ApiError"/> body.
/// </summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminCredentialStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name (also the identity's authentication type).</summary>
    public const string SchemeName = "Token";

    /// <summary>Claim carrying the token's id.</summary>
    public const string TokenIdClaim = "faxbox:token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        ApiToken? token;
        try
        {
            token = store.FindToken(header["Bearer ".Length..].Trim());
        }
        catch (InvalidDataException e)
        {
            SecurityLog.StoreDamaged(Logger, e.Message);
            return Task.FromResult(AuthenticateResult.Fail("the token store is damaged"));
        }

        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown or revoked token"));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"token:{token.Name}"), new Claim(TokenIdClaim, token.Id)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var bearer = Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = bearer ? "Bearer error=\"invalid_token\"" : "Bearer";
        if (!Response.HasStarted)
        {
            await Response.WriteAsJsonAsync(
                new Api.ApiError(bearer ? "the token is unknown or revoked" : "log in, or send 'Authorization: Bearer TOKEN' (tokens are made on the security page)", "Authorization"),
                Api.ApiJson.Options).ConfigureAwait(false);
        }
    }
}
