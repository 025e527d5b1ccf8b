using System.Diagnostics.CodeAnalysis;
using System.Text;
using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Messages;

/// <summary>
/// A name-addr or addr-spec with header parameters (RFC 3261 §20.10, §20.20, §20.39): the value of From, To, Contact,
/// Route and Record-Route.
/// </summary>
public sealed class SipNameAddress
{
    public SipNameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
    }

    /// <summary>The display name as written (quoted or a run of tokens), or null.</summary>
    public string? DisplayName { get; set; }

    public SipUri Uri { get; set; }

    public SipParameters Parameters { get; } = new();

    /// <summary>The "tag" parameter (RFC 3261 §19.3), or null.</summary>
    public string? Tag
    {
        get => Parameters.Get("tag");
        set
        {
            if (value is null)
            {
                Parameters.Remove("tag");
            }
            else
            {
                Parameters.Set("tag", value);
            }
        }
    }

    public static SipNameAddress Parse(string text)
    {
        if (!TryParse(text, out var value, out var error))
        {
            throw new FormatException($"Invalid name-addr '{text}': {error}");
        }

        return value;
    }

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipNameAddress? value, [NotNullWhen(false)] out string? error) =>
        TryParse(text, true, out value, out error) && value is not null;

    /// <summary>Checks a name-addr or addr-spec as the public overload does; builds it only when <paramref name="build"/>.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, bool build, out SipNameAddress? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        text = SipGrammar.TrimLws(text);
        var open = IndexOfAngle(text);
        if (open == -2)
        {
            error = "unterminated quoted string in the display name";
            return false;
        }

        SipUri? uri;
        ReadOnlySpan<char> rest;
        string? display = null;
        if (open >= 0)
        {
            var name = SipGrammar.TrimLws(text[..open]);
            if (!name.IsEmpty)
            {
                if (name[0] == '"')
                {
                    if (SipHeaderGrammar.QuotedStringLength(name) != name.Length)
                    {
                        error = "invalid quoted display name";
                        return false;
                    }
                }
                else
                {
                    foreach (var c in name)
                    {
                        if (!SipGrammar.IsTokenChar(c) && !SipGrammar.IsWhitespace(c) && c < 128)
                        {
                            error = $"character '{c}' in an unquoted display name";
                            return false;
                        }
                    }
                }

                display = build ? name.ToString() : null;
            }

            var close = text[open..].IndexOf('>');
            if (close < 0)
            {
                error = "'<' without '>'";
                return false;
            }

            var inner = text.Slice(open + 1, close - 1);
            if (inner.IsEmpty || SipGrammar.IsWhitespace(inner[0]) || SipGrammar.IsWhitespace(inner[^1]))
            {
                error = "whitespace inside <>";
                return false;
            }

            if (!SipUri.TryParse(inner, build, out uri, out _, out error))
            {
                return false;
            }

            rest = text[(open + close + 1)..];
        }
        else
        {
            var semi = text.IndexOf(';');
            var spec = semi < 0 ? text : text[..semi];
            spec = SipGrammar.TrimLws(spec);
            foreach (var c in spec)
            {
                if (c is ' ' or '\t' or '?' or ',' or '"')
                {
                    error = "an addr-spec with '?', ',', '\"' or spaces must be enclosed in <>";
                    return false;
                }
            }

            if (!SipUri.TryParse(spec, build, out uri, out _, out error))
            {
                return false;
            }

            rest = semi < 0 ? [] : text[semi..];
        }

        var result = build ? new SipNameAddress(uri!, display) : null;
        if (!SipHeaderGrammar.TryParseParameters(rest, result?.Parameters, out error))
        {
            return false;
        }

        value = result;
        return true;
    }

    private static int IndexOfAngle(ReadOnlySpan<char> s)
    {
        var quoted = false;
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
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == '<')
            {
                return i;
            }
        }

        return quoted ? -2 : -1;
    }

    public SipNameAddress Clone()
    {
        var copy = new SipNameAddress(Uri.Clone(), DisplayName);
        foreach (var p in Parameters)
        {
            copy.Parameters.Add(p.Name, p.Value);
        }

        return copy;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(96);
        if (DisplayName is not null)
        {
            builder.Append(DisplayName).Append(' ');
        }

        builder.Append('<');
        Uri.AppendTo(builder);
        builder.Append('>');
        Parameters.AppendTo(builder);
        return builder.ToString();
    }
}
