using System.Security.Cryptography;
using System.Text;

namespace FaxBox.Admin.Security;

/// <summary>
/// The one-time code that opens the first-run set-up step from another machine: made at start while no password is
/// set, printed to the log and console, consumed by the set-up that uses it. 10 characters of Crockford base32
/// (50 bits; the login throttle bounds guesses to a few per lock-out period).
/// </summary>
internal sealed class SetupCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly Lock _lock = new();
    private string? _code;

    /// <summary>A code, or none when <paramref name="needed"/> is false (a password exists already).</summary>
    public SetupCode(bool needed) => _code = needed ? Generate() : null;

    /// <summary>The code while set-up is pending, else null.</summary>
    public string? Current
    {
        get
        {
            lock (_lock)
            {
                return _code;
            }
        }
    }

    /// <summary>Whether <paramref name="candidate"/> is the code (case, spaces and dashes ignored; constant time).</summary>
    public bool Matches(string? candidate)
    {
        var expected = Current;
        if (expected is null || candidate is null)
        {
            return false;
        }

        var normalised = new string([.. candidate.ToUpperInvariant().Where(c => c is not (' ' or '-'))]);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(normalised), Encoding.ASCII.GetBytes(expected));
    }

    /// <summary>Ends the code (set-up done).</summary>
    public void Consume()
    {
        lock (_lock)
        {
            _code = null;
        }
    }

    /// <summary>Ten characters from the kernel's CSPRNG; 32 symbols, so the low five bits of each byte pick one without bias.</summary>
    private static string Generate()
    {
        Span<byte> bytes = stackalloc byte[10];
        KernelRandom.Fill(bytes);
        Span<char> code = stackalloc char[10];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[bytes[i] & 31];
        }

        return new string(code);
    }
}
