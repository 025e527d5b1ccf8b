namespace FaxBox.Admin.Security;

/// <summary>A named <c>/api/v1</c> token as the box keeps it: the secret itself is never stored, only its SHA-256.</summary>
/// <param name="Id">Short public id (hex), the first part of the token and how it is revoked.</param>
/// <param name="Name">What the administrator called it ("backup script").</param>
/// <param name="Created">When it was created.</param>
internal sealed record ApiToken(string Id, string Name, DateTimeOffset Created);
