using System.Diagnostics.CodeAnalysis;
using FaxBox.Sip.Messages;

namespace FaxBox.Sip.Parsing;

/// <summary>Shared pieces of header-value grammar (RFC 3261 §25.1): quoted strings and generic parameters.</summary>
internal static class SipHeaderGrammar
{
    /// <summary>Length of the quoted-string at the start of <paramref name="s"/> (quotes included), or -1 when unterminated or invalid.</summary>
    public static int QuotedStringLength(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s[0] != '"')
        {
            return -1;
        }

        for (var i = 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\')
            {
                if (i + 1 >= s.Length || s[i + 1] is '\r' or '\n')
                {
                    return -1;
                }

                i++;
            }
            else if (c == '"')
            {
                return i + 1;
            }
            else if (c < ' ' && c != '\t')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Parses <c>*( SEMI generic-param )</c>; <paramref name="s"/> is empty or starts (after LWS) with ';'.
    /// Values are a token, a host (IPv6 with or without brackets, RFC 5118 §4.5) or a quoted string (kept quoted).
    /// With <paramref name="into"/> null the parameters are only checked (nothing is allocated unless they are malformed).
    /// </summary>
    public static bool TryParseParameters(ReadOnlySpan<char> s, SipParameters? into, [NotNullWhen(false)] out string? error)
    {
        s = SipGrammar.TrimLws(s);
        for (var guard = 0; guard <= 1024 && !s.IsEmpty; guard++)
        {
            if (s[0] != ';')
            {
                error = $"unexpected '{s[0]}' where a ';' parameter was expected";
                return false;
            }

            s = s[1..].TrimStart(" \t");
            var n = 0;
            while (n < s.Length && SipGrammar.IsTokenChar(s[n]))
            {
                n++;
            }

            if (n == 0)
            {
                error = "empty parameter name";
                return false;
            }

            var name = s[..n];
            s = s[n..].TrimStart(" \t");
            string? value = null;
            if (!s.IsEmpty && s[0] == '=')
            {
                s = s[1..].TrimStart(" \t");
                int v;
                if (!s.IsEmpty && s[0] == '"')
                {
                    v = QuotedStringLength(s);
                    if (v < 0)
                    {
                        error = $"unterminated quoted value of parameter '{name.ToString()}'";
                        return false;
                    }
                }
                else
                {
                    v = 0;
                    while (v < s.Length && (SipGrammar.IsTokenChar(s[v]) || s[v] is ':' or '[' or ']'))
                    {
                        v++;
                    }

                    if (v == 0)
                    {
                        error = $"empty value of parameter '{name.ToString()}'";
                        return false;
                    }
                }

                value = into is null ? string.Empty : s[..v].ToString();
                s = s[v..].TrimStart(" \t");
            }

            into?.Add(name.ToString(), value);
        }

        error = null;
        return true;
    }

    /// <summary>Removes the quotes and quoted-pair escapes of a quoted string; returns the text unchanged when not quoted.</summary>
    public static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        var inner = text.AsSpan(1, text.Length - 2);
        if (inner.IndexOf('\\') < 0)
        {
            return inner.ToString();
        }

        var chars = new char[inner.Length];
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            chars[n++] = inner[i];
        }

        return new string(chars, 0, n);
    }

    /// <summary>Quotes <paramref name="text"/> as a quoted-string, escaping '"' and '\'.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
