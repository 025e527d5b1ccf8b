namespace FaxBox.Sip.Parsing;

/// <summary>Character classes of the RFC 3261 §25.1 ABNF, as lookup tables.</summary>
internal static class SipGrammar
{
    private static readonly bool[] TokenChars = Build("-.!%*_+`'~");
    private static readonly bool[] UnreservedChars = Build("-_.!~*'()");
    private static readonly bool[] UserChars = Build("-_.!~*'()&=+$,;?/%");
    private static readonly bool[] PasswordChars = Build("-_.!~*'()&=+$,%");
    private static readonly bool[] ParamChars = Build("-_.!~*'()[]/:&+$%");
    private static readonly bool[] HeaderChars = Build("-_.!~*'()[]/?:+$%");
    private static readonly bool[] WordChars = Build("-.!%*_+`'~()<>:\\\"/[]?{}");

    private static bool[] Build(string extra)
    {
        var table = new bool[128];
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = true;
        }

        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = true;
            table[c - 32] = true;
        }

        foreach (var c in extra)
        {
            table[c] = true;
        }

        return table;
    }

    /// <summary>token (RFC 3261 §25.1): alphanum and -.!%*_+`'~</summary>
    public static bool IsTokenChar(char c) => c < 128 && TokenChars[c];

    public static bool IsUnreserved(char c) => c < 128 && UnreservedChars[c];

    public static bool IsUserChar(char c) => c < 128 && UserChars[c];

    public static bool IsPasswordChar(char c) => c < 128 && PasswordChars[c];

    public static bool IsParamChar(char c) => c < 128 && ParamChars[c];

    public static bool IsHeaderChar(char c) => c < 128 && HeaderChars[c];

    /// <summary>word (Call-ID): token chars plus ()&lt;&gt;:\"/[]?{}</summary>
    public static bool IsWordChar(char c) => c < 128 && WordChars[c];

    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    public static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks that every %HH escape is complete and every other char is allowed.</summary>
    public static bool IsEscapedRun(ReadOnlySpan<char> s, Func<char, bool> allowed)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!allowed(c))
            {
                return false;
            }
        }

        return true;
    }

    public static ReadOnlySpan<char> TrimLws(ReadOnlySpan<char> s) => s.Trim(" \t");

    /// <summary>
    /// Index of the first <paramref name="separator"/> outside quoted strings and angle brackets, or -1;
    /// -2 when a quoted string or angle bracket is left open.
    /// </summary>
    public static int IndexOfOutside(ReadOnlySpan<char> s, char separator)
    {
        var quoted = false;
        var angle = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"' && !angle)
            {
                quoted = true;
            }
            else if (c == '<')
            {
                angle = true;
            }
            else if (c == '>')
            {
                angle = false;
            }
            else if (c == separator && !angle)
            {
                return i;
            }
        }

        return quoted || angle ? -2 : -1;
    }

    /// <summary>Splits a comma-joined header value into its elements (commas inside quotes and angle brackets kept).</summary>
    public static bool TrySplitList(string value, List<string> into)
    {
        var pos = 0;
        while (true)
        {
            var next = NextListElement(value, ref pos, out var start, out var length);
            if (next < 0)
            {
                return false;
            }

            into.Add(length == value.Length ? value : value.Substring(start, length));
            if (next == 0)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Reads the list element at <paramref name="pos"/> of a comma-joined value (RFC 3261 §7.3.1): its trimmed start and
    /// length, and moves <paramref name="pos"/> past the comma. Returns 1 when more elements follow, 0 for the last one,
    /// -1 when the element is empty or a quote or angle bracket is left open. Allocates nothing.
    /// </summary>
    public static int NextListElement(ReadOnlySpan<char> value, ref int pos, out int start, out int length)
    {
        var rest = value[pos..];
        var comma = IndexOfOutside(rest, ',');
        start = 0;
        length = 0;
        if (comma == -2)
        {
            return -1;
        }

        var part = comma < 0 ? rest : rest[..comma];
        var lead = part.Length - part.TrimStart(" \t").Length;
        var trimmed = TrimLws(part);
        if (trimmed.IsEmpty)
        {
            return -1;
        }

        start = pos + lead;
        length = trimmed.Length;
        if (comma < 0)
        {
            pos = value.Length;
            return 0;
        }

        pos += comma + 1;
        return 1;
    }
}
