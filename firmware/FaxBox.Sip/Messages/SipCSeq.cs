using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Messages;

/// <summary>The CSeq header (RFC 3261 §20.16): a 32-bit sequence number and the method.</summary>
public readonly record struct SipCSeq(uint Number, string Method)
{
    public static bool TryParse(ReadOnlySpan<char> text, out SipCSeq value, [NotNullWhen(false)] out string? error) =>
        TryParse(text, true, out value, out error);

    /// <summary>Checks a CSeq value; the method string is made only when <paramref name="build"/> (else the value's method is empty).</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, bool build, out SipCSeq value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        var s = SipGrammar.TrimLws(text);
        var n = 0;
        while (n < s.Length && char.IsAsciiDigit(s[n]))
        {
            n++;
        }

        if (n == 0 || n == s.Length || !SipGrammar.IsWhitespace(s[n]))
        {
            error = "CSeq must be a number, whitespace and a method";
            return false;
        }

        if (!uint.TryParse(s[..n], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            error = "CSeq number larger than 2^32-1";
            return false;
        }

        var method = SipGrammar.TrimLws(s[n..]);
        if (!SipGrammar.IsToken(method))
        {
            error = "CSeq method is not a token";
            return false;
        }

        value = new SipCSeq(number, build ? SipMethods.Intern(method) : string.Empty);
        error = null;
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number} {Method}");
}
