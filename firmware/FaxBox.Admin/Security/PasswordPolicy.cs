namespace FaxBox.Admin.Security;

/// <summary>What the box accepts as an administrator password (NIST SP 800-63B §5.1.1: length, not composition rules).</summary>
internal static class PasswordPolicy
{
    /// <summary>Fewest characters.</summary>
    public const int MinimumLength = 10;

    /// <summary>Most characters (the KDF hashes whatever it gets; this bounds the request).</summary>
    public const int MaximumLength = 256;

    /// <summary>Null when acceptable, else why not, in words for the user.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "the password is empty";
        }

        if (password.Length < MinimumLength)
        {
            return $"the password has {password.Length} characters; at least {MinimumLength} are needed";
        }

        if (password.Length > MaximumLength)
        {
            return $"the password has {password.Length} characters; at most {MaximumLength} are accepted";
        }

        return password.Any(char.IsControl) ? "the password contains a control character" : null;
    }
}
