using System.Text;

namespace FaxBox.Sip.Auth;

/// <summary>
/// Reads "scheme name=value, name="quoted \" value", ..." (RFC 3261 §25.1 auth-param: token or quoted-string with
/// quoted-pair escapes). Bounded: at most 32 parameters; duplicate names are an error.
/// </summary>
internal static class DigestParameters
{
    private const int MaxParameters = 32;

    public static bool TryParse(string text, out string? scheme, out Dictionary<string, string> parameters, out string? error)
    {
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        scheme = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty authentication header";
            return false;
        }

        int i = 0;
        SkipWhitespace(text, ref i);
        int schemeStart = i;
        while (i < text.Length && IsTokenChar(text[i]))
        {
            i++;
        }

        scheme = text[schemeStart..i];
        if (scheme.Length == 0)
        {
            error = $"no authentication scheme at offset {schemeStart}";
            return false;
        }

        while (true)
        {
            SkipWhitespace(text, ref i);
            if (i >= text.Length)
            {
                return true;
            }

            if (parameters.Count >= MaxParameters)
            {
                error = $"more than {MaxParameters} authentication parameters";
                return false;
            }

            int nameStart = i;
            while (i < text.Length && IsTokenChar(text[i]))
            {
                i++;
            }

            string name = text[nameStart..i];
            SkipWhitespace(text, ref i);
            if (name.Length == 0 || i >= text.Length || text[i] != '=')
            {
                error = $"expected name=value at offset {nameStart}";
                return false;
            }

            i++;
            SkipWhitespace(text, ref i);
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var quoted = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        error = $"unterminated quoted value of '{name}'";
                        return false;
                    }

                    char c = text[i++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\' && i < text.Length)
                    {
                        c = text[i++];
                    }

                    quoted.Append(c);
                }

                value = quoted.ToString();
            }
            else
            {
                int valueStart = i;
                while (i < text.Length && IsTokenChar(text[i]))
                {
                    i++;
                }

                value = text[valueStart..i];
            }

            if (!parameters.TryAdd(name, value))
            {
                error = $"parameter '{name}' appears twice";
                return false;
            }

            SkipWhitespace(text, ref i);
            if (i < text.Length)
            {
                if (text[i] != ',')
                {
                    error = $"expected ',' at offset {i}";
                    return false;
                }

                i++;
            }
        }
    }

    /// <summary>Writes a quoted-string with '"' and '\' escaped (RFC 3261 §25.1 quoted-pair).</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~' or '/' or ':' or '@';
}
