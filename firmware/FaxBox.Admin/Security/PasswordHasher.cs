using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace FaxBox.Admin.Security;

/// <summary>
/// Argon2id password hashes (RFC 9106) in the PHC string format that libargon2 writes:
/// <c>$argon2id$v=19$m=19456,t=2,p=1$SALT$HASH</c> (salt and hash in unpadded base64). 16-byte random salt, 32-byte tag.
/// </summary>
internal static class PasswordHasher
{
    /// <summary>Salt length in bytes (RFC 9106 §3.1 recommends 16).</summary>
    public const int SaltBytes = 16;

    /// <summary>Tag length in bytes.</summary>
    public const int HashBytes = 32;

    /// <summary>Hashes <paramref name="password"/> with a fresh salt.</summary>
    public static string Hash(string password, Argon2idParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        var p = parameters ?? Argon2idParameters.Default;
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, p, HashBytes);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={p.MemoryKiB},t={p.Iterations},p={p.Parallelism}${Unpadded(salt)}${Unpadded(hash)}");
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="phc"/> (constant time in the tag).</summary>
    /// <exception cref="FormatException">The stored hash is not an Argon2id PHC string within the box's limits.</exception>
    public static bool Verify(string password, string phc)
    {
        ArgumentNullException.ThrowIfNull(password);
        var (parameters, salt, expected) = Parse(phc);
        var actual = Compute(password, salt, parameters, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>The parameters a stored hash was made with.</summary>
    /// <exception cref="FormatException">Not an Argon2id PHC string within the box's limits.</exception>
    public static Argon2idParameters ParametersOf(string phc) => Parse(phc).Parameters;

    private static (Argon2idParameters Parameters, byte[] Salt, byte[] Hash) Parse(string phc)
    {
        ArgumentNullException.ThrowIfNull(phc);
        var parts = phc.Trim().Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            throw new FormatException("not an Argon2id (v=19) PHC string: expected $argon2id$v=19$m=…,t=…,p=…$salt$hash");
        }

        int m = 0, t = 0, p = 0;
        foreach (var field in parts[3].Split(','))
        {
            var kv = field.Split('=', 2);
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"Argon2id parameter '{field}' is not NAME=NUMBER");
            }

            switch (kv[0])
            {
                case "m": m = value; break;
                case "t": t = value; break;
                case "p": p = value; break;
                default: throw new FormatException($"Argon2id parameter '{kv[0]}' is unknown (m, t, p)");
            }
        }

        var parameters = new Argon2idParameters(m, t, p);
        if (!parameters.IsWithinLimits)
        {
            throw new FormatException($"Argon2id parameters m={m},t={t},p={p} are outside the box's limits");
        }

        var salt = FromUnpadded(parts[4], "salt");
        var hash = FromUnpadded(parts[5], "hash");
        if (salt.Length < 8 || hash.Length < 16)
        {
            throw new FormatException("Argon2id salt or hash too short");
        }

        return (parameters, salt, hash);
    }

    private static byte[] Compute(string password, byte[] salt, Argon2idParameters p, int length)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            using var argon = new Argon2id(bytes) { Salt = salt, MemorySize = p.MemoryKiB, Iterations = p.Iterations, DegreeOfParallelism = p.Parallelism };
            return argon.GetBytes(length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static string Unpadded(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] FromUnpadded(string text, string what)
    {
        var padded = text + new string('=', (4 - (text.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            throw new FormatException($"Argon2id {what} is not base64");
        }
    }
}
