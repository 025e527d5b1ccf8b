namespace FaxBox.Admin.Api;

/// <summary>The body of every 4xx/5xx answer of the local API: what went wrong and where.</summary>
/// <param name="Error">In words, for the user: "report.pdf: is password-protected".</param>
/// <param name="Field">The request field or file it concerns, when there is one.</param>
public sealed record ApiError(string Error, string? Field = null);
